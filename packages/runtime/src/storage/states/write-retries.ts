import { setTimeout as sleep } from 'node:timers/promises'

/** How many times a write that depends on the current version is tried before it gives up. */
export const MAX_WRITE_ATTEMPTS = 25

/**
 * Waits before the next attempt after losing a race: a random time up to 2, 4, 8… ms, at most 250 ms
 * ("full jitter"), so writers that collided spread out instead of colliding again.
 */
export function afterConflict(attempt: number): Promise<void> {
  return sleep(Math.random() * Math.min(250, 2 ** attempt))
}
