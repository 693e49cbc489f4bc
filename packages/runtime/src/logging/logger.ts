import { formatWithOptions } from 'node:util'
import type { Logger } from '@parley/sdk'
import type { LogLevel, LogLinks, NewLogRecord } from './log-record.js'
import type { LogStore } from './log-store.js'

/** Who writes through a logger, and what it is handling. */
export interface LoggerOrigin extends LogLinks {
  readonly source: string
}

/** The `logger` of handler props: each call becomes one stored record, linked to what is being handled. */
export function createLogger(store: LogStore, origin: LoggerOrigin, audience: NewLogRecord['audience'] = 'developer'): Logger {
  const write = (level: LogLevel) => (...args: unknown[]) => store.write({ ...origin, level, audience, message: formatArgs(args) })
  const logger: Logger = {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    forBot: () => (audience === 'bot' ? logger : createLogger(store, origin, 'bot')),
  }
  return logger
}

function formatArgs(args: readonly unknown[]): string {
  return formatWithOptions({ depth: 4, breakLength: Infinity }, ...args)
}
