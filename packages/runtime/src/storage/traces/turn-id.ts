import { randomFillSync } from 'node:crypto'
import { v7 } from 'uuid'

// Turn ids are UUIDs of version 7: the first 48 bits are the milliseconds the turn began, so a trace is
// found by its id through the time index alone.

/**
 * Random bytes for the ids, drawn 16 at a time from a pool filled a thousand ids at once: the library's own
 * pool holds 16 ids, and refilling it (a call into the system's random source) made an id cost more in a
 * running bot's profile (0.8 % of a message's CPU on the embedded database) than the rest of its trace's start.
 */
const pool = new Uint8Array(16 * 1024)
let next = pool.length

function randomBytes16(): Uint8Array {
  if (next + 16 > pool.length) {
    randomFillSync(pool)
    next = 0
  }
  return pool.subarray(next, (next += 16))
}

/** A version 7 UUID for a turn that began at `ms` (milliseconds since 1970). */
export function newTurnId(ms: number): string {
  return v7({ msecs: ms, random: randomBytes16() })
}

const V7 = /^([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i

/** The millisecond a turn id says its turn began, or undefined for an id of another form. */
export function turnIdTime(turnId: string): number | undefined {
  const match = V7.exec(turnId)
  return match ? Number.parseInt(match[1]! + match[2]!, 16) : undefined
}
