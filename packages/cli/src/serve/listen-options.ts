import type { Colors } from '../cli/output.js'
import { projectFrame } from '../project/source-location.js'
import { ServeError } from './serve-error.js'

/** A port from an option or `PORT`: a whole number from 0 (any free port) to 65535. */
export function parsePort(text: string, from: string): number {
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ServeError('PORT_INVALID', `${from} "${text}" is not a port; use a whole number from 1 to 65535 (0 picks a free one)`)
  return port
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
