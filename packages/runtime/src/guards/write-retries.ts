/** How many times a write that depends on the current version is tried before it gives up. */
export const MAX_WRITE_ATTEMPTS = 40

/** The widest spread of retries, in attempts' durations: past it, waiting longer only adds delay. */
const MAX_SPREAD = 256

/**
 * Waits before the next attempt after losing a race: a random time up to 2, 4, 8… times as long as the
 * attempt took, at most 256 times ("full jitter"), so writers that collided spread out instead of
 * colliding again. Scaled by the attempt's own duration rather than fixed milliseconds, so the spread
 * fits the machine: on a slow or loaded one, a fixed cap would keep writers colliding until they gave up.
 */
export function afterConflict(attempt: number, attemptMs: number): Promise<void> {
  const wait = Math.random() * Math.max(1, attemptMs) * Math.min(MAX_SPREAD, 2 ** attempt)
  // A plain timer rather than node:timers/promises: the HTTP client shares this and runs in browsers too.
  return new Promise((resolve) => setTimeout(resolve, wait))
}
