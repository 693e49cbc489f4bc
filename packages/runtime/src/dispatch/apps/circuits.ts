/** After this many failures in a row, a URL gets no requests for a while. */
export const CIRCUIT_FAILURES = 5
export const CIRCUIT_OPEN_MS = 30_000

/**
 * Per-URL circuit breakers in this process: five failures in a row open a URL's circuit for 30 s, so a
 * receiver that is down is not hammered by every queued delivery; then one delivery is let through, and
 * its success closes the circuit (its failure opens it again).
 */
export interface Circuits {
  /** When the URL's circuit closes again, if it is open at `now`. */
  openUntil(url: string, now: Date): Date | undefined
  succeeded(url: string): void
  failed(url: string, now: Date): void
}

export function createCircuits(): Circuits {
  const state = new Map<string, { failures: number; openUntil: number }>()
  return {
    openUntil: (url, now) => {
      const until = state.get(url)?.openUntil ?? 0
      return until > now.getTime() ? new Date(until) : undefined
    },
    succeeded: (url) => void state.delete(url),
    failed: (url, now) => {
      const failures = (state.get(url)?.failures ?? 0) + 1
      state.set(url, { failures, openUntil: failures >= CIRCUIT_FAILURES ? now.getTime() + CIRCUIT_OPEN_MS : 0 })
    },
  }
}

/** At most `limit` requests at once to one URL; the others wait their turn in this process. */
export interface Limiter {
  run<T>(url: string, work: () => Promise<T>): Promise<T>
}

export function createLimiter(limit: number): Limiter {
  const active = new Map<string, number>()
  const waiting = new Map<string, (() => void)[]>()
  const release = (url: string) => {
    const next = waiting.get(url)?.shift()
    if (next) return next()
    active.set(url, (active.get(url) ?? 1) - 1)
  }
  const acquire = (url: string) => new Promise<void>((resolve) => {
    if ((active.get(url) ?? 0) < limit) return void (active.set(url, (active.get(url) ?? 0) + 1), resolve())
    waiting.set(url, [...(waiting.get(url) ?? []), resolve])
  })
  return {
    run: async (url, work) => {
      await acquire(url)
      try {
        return await work()
      } finally {
        release(url)
      }
    },
  }
}
