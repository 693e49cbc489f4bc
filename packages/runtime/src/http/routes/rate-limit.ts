/** Requests one caller may make to one plugin's public routes per window. */
const DEFAULT_LIMIT = 120
const WINDOW_MS = 60_000
/** Callers remembered at once; the oldest windows are dropped first, so a flood of addresses cannot grow memory. */
const MAX_KEYS = 10_000

export interface RateLimiter {
  allow(key: string): boolean
}

/** A fixed-window counter per key, in memory: public plugin routes are not a way to load the bot without bound. */
export function rateLimiter(limit = DEFAULT_LIMIT, now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>()
  return {
    allow: (key) => {
      const time = now()
      const window = windows.get(key)
      if (!window || time - window.start >= WINDOW_MS) {
        windows.delete(key)
        if (windows.size >= MAX_KEYS) windows.delete(windows.keys().next().value!)
        windows.set(key, { start: time, count: 1 })
        return true
      }
      window.count += 1
      return window.count <= limit
    },
  }
}
