import { v7 } from 'uuid'

// Turn ids are UUIDs of version 7: the first 48 bits are the milliseconds the turn began, so a trace is
// found by its id through the time index alone.

/** A version 7 UUID for a turn that began at `ms` (milliseconds since 1970). */
export function newTurnId(ms: number): string {
  return v7({ msecs: ms })
}

const V7 = /^([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i

/** The millisecond a turn id says its turn began, or undefined for an id of another form. */
export function turnIdTime(turnId: string): number | undefined {
  const match = V7.exec(turnId)
  return match ? Number.parseInt(match[1]! + match[2]!, 16) : undefined
}
