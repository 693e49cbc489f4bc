import { randomBytes } from 'node:crypto'

// Turn ids are UUIDs of version 7: the first 48 bits are the milliseconds the turn began, so a trace is
// found by its id through the time index alone. Node 20 has no `randomUUIDv7` and the layout is twelve
// lines, so it is made here rather than through a dependency.

/** A version 7 UUID for a turn that began at `ms` (milliseconds since 1970). */
export function newTurnId(ms: number): string {
  const bytes = randomBytes(16)
  bytes.writeUIntBE(ms, 0, 6)
  bytes[6] = 0x70 | (bytes[6]! & 0x0f)
  bytes[8] = 0x80 | (bytes[8]! & 0x3f)
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

const V7 = /^([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i

/** The millisecond a turn id says its turn began, or undefined for an id of another form. */
export function turnIdTime(turnId: string): number | undefined {
  const match = V7.exec(turnId)
  return match ? Number.parseInt(match[1]! + match[2]!, 16) : undefined
}
