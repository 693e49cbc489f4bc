import { checkedPublicUrl } from '@parley/runtime'
import type { Colors } from '../cli/output.js'
import { projectFrame } from '../project/source-location.js'
import { ServeError } from './serve-error.js'

/** A port from an option or `PORT`: a whole number from 0 (any free port) to 65535. */
export function parsePort(text: string, from: string): number {
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ServeError('PORT_INVALID', `${from} "${text}" is not a port; use a whole number from 1 to 65535 (0 picks a free one)`)
  return port
}

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

/** What a log line is made of. */
export interface LogLine {
  readonly level: string
  readonly source: string
  readonly message: string
  readonly data?: unknown
}

/**
 * A bot's log record as one line for the terminal. A handler's failure ends with where it threw in
 * the project's code (`at src/index.ts:12:5`), the first frame of its stack that is the project's.
 */
export function formatLog(record: LogLine, projectDir: string, colors: Colors): string {
  const level = record.level === 'error' ? colors.red(record.level) : record.level === 'warn' ? colors.yellow(record.level) : record.level
  const at = projectFrame(failureStack(record.data), projectDir)
  return `[${level}] ${record.source}: ${record.message}${at ? ` ${colors.dim(`(at ${at})`)}` : ''}`
}

function failureStack(data: unknown): string | undefined {
  const stack = (data as { failure?: { error?: { stack?: unknown } } } | undefined)?.failure?.error?.stack
  return typeof stack === 'string' ? stack : undefined
}
