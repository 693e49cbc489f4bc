/** Where the runtime reads the time: jobs compare due times against it, never against the database's. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock that can be moved forward: tests use it to make a day pass at once. */
export interface AdjustableClock extends Clock {
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void
}

/**
 * The system time plus an offset that only grows. Staying on the real time keeps it in step with the
 * database's own `now()`, which stamps records and state expiry.
 */
export function adjustableClock(): AdjustableClock {
  let offset = 0
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot move the clock by ${ms} ms; give a duration of 0 or more`)
      offset += ms
    },
  }
}
