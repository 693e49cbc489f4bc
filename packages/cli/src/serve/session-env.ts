import { checkedPublicUrl } from '@parley/runtime'
import { ServeError } from './serve-error.js'

// What a server reads from its environment besides the port. Kept apart from `listen-options.ts`, which
// every run of `parley` loads (the commands import it): checking a public URL takes the runtime, and
// loading the runtime is most of what `parley --help` or `parley gen` would otherwise spend starting.

const DURATION = /^(\d+)(s|m|h|d)$/
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

/**
 * `PARLEY_CONVERSATION_TIMEOUT` (`30m`, `1h`, `2d`): how long a conversation may go without a message
 * before it ends (plugins' `conversation:end` hooks run). Absent or empty: conversations end only when
 * ended.
 */
export function conversationTimeout(env: NodeJS.ProcessEnv): { inactivityMs?: number } {
  const text = env['PARLEY_CONVERSATION_TIMEOUT']?.trim()
  if (!text) return {}
  const match = DURATION.exec(text)
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : NaN
  if (!(ms > 0 && ms <= 100 * 365 * UNIT_MS.d)) throw new ServeError('CONVERSATION_TIMEOUT_INVALID', `PARLEY_CONVERSATION_TIMEOUT "${text}" is not a duration; use a number and s, m, h or d, such as 30m`)
  return { inactivityMs: ms }
}

/**
 * `PARLEY_PUBLIC_URL`: the address people and services reach this server at (behind a proxy it is not
 * the one it listens on), so the file URLs the API hands out are absolute. Absent or empty: they are
 * paths on this server.
 */
export function publicUrl(env: NodeJS.ProcessEnv): { publicUrl?: string } {
  const text = env['PARLEY_PUBLIC_URL']?.trim()
  if (!text) return {}
  try {
    return { publicUrl: checkedPublicUrl(text) }
  } catch {
    throw new ServeError('PUBLIC_URL_INVALID', `PARLEY_PUBLIC_URL ${JSON.stringify(text.slice(0, 80))} is not an absolute http(s) URL without query or fragment; set it to the address this server is reached at, such as https://bots.example.com`)
  }
}
