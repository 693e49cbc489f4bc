import { randomBytes } from 'node:crypto'
import type { TokenScope } from './tokens.js'

/** The cookie a studio session travels in: set by the login route, sent back by the browser on every request. */
export const SESSION_COOKIE = 'parley_studio'

/** How long a session lasts without being used. */
export const SESSION_IDLE_MS = 12 * 60 * 60_000

/** At most this many sessions are kept; the oldest go first, so logging in in a loop cannot fill memory. */
const MAX_SESSIONS = 10_000

/**
 * Studio logins: an API token exchanged for a random session id, kept in memory with the token's scope
 * (never the token). A session ends after `idleMs` without use, on logout, or when the process ends.
 */
export interface StudioSessions {
  create(scope: TokenScope): string
  find(id: string): TokenScope | undefined
  end(id: string): void
}

export function studioSessions(options: { readonly idleMs?: number; readonly now?: () => number } = {}): StudioSessions {
  const idleMs = options.idleMs ?? SESSION_IDLE_MS
  const now = options.now ?? Date.now
  const sessions = new Map<string, { scope: TokenScope; usedAt: number }>()
  return {
    create: (scope) => {
      const id = randomBytes(32).toString('base64url')
      if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value!)
      sessions.set(id, { scope, usedAt: now() })
      return id
    },
    find: (id) => {
      const session = sessions.get(id)
      if (!session) return undefined
      if (now() - session.usedAt > idleMs) return void sessions.delete(id)
      // Used again: it moves to the end, so the oldest-used one goes first when the map is full.
      sessions.delete(id)
      sessions.set(id, { scope: session.scope, usedAt: now() })
      return session.scope
    },
    end: (id) => void sessions.delete(id),
  }
}
