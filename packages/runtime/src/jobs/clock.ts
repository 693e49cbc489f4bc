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
 * database's own `now()`, which stamps records and state expiry: on a clock standing still, a state
 * written a few seconds into a test would expire those seconds late. Tests of a whole runtime use it, so
 * a retry due a second after a failure may come due while such a test settles: they count attempts.
 */
export function adjustableClock(): AdjustableClock {
  let offset = 0
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += duration(ms)
    },
  }
}

/**
 * A clock that stands still until moved: for tests of the job queue alone, which pass every time to it
 * and never compare with the database's `now()`. A job retried 1 s after failing is then due only once
 * the test moves the clock, however long the test takes. `start` is the time it begins at.
 */
export function manualClock(start: Date = new Date()): AdjustableClock {
  let at = start.getTime()
  return {
    now: () => new Date(at),
    advance: (ms) => {
      at += duration(ms)
    },
  }
}

function duration(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot move the clock by ${ms} ms; give a duration of 0 or more`)
  return ms
}
