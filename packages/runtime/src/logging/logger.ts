import { formatWithOptions } from 'node:util'
import type { BotLogger } from '@parley/sdk'
import type { LogLevel, LogLinks, NewLogRecord } from './log-record.js'
import type { LogStore } from './log-store.js'

/** Who writes through a logger, and what it is handling. */
export interface LoggerOrigin extends LogLinks {
  readonly source: string
}

/** What `.with()` adds: other ids, and fields kept as the record's data. */
type Fields = Readonly<Record<string, unknown>>

const LINKS = new Set(['conversationId', 'userId', 'messageId', 'eventId'])

/**
 * The `logger` of handler props: each call becomes one stored record, linked to what is being handled.
 * `with…()` gives a logger whose records carry more ids or fields, as Botpress's logger does.
 */
export function createLogger(store: LogStore, origin: LoggerOrigin, audience: NewLogRecord['audience'] = 'developer', fields: Fields = {}): BotLogger {
  const data = Object.fromEntries(Object.entries(fields).filter(([name]) => !LINKS.has(name)))
  const links = Object.fromEntries(Object.entries(fields).filter(([name, value]) => LINKS.has(name) && typeof value === 'string'))
  const write = (level: LogLevel) => (...args: unknown[]) =>
    store.write({ ...origin, ...links, level, audience, message: formatArgs(args), ...(Object.keys(data).length > 0 ? { data } : {}) })
  const more = (added: Fields) => createLogger(store, origin, audience, { ...fields, ...added })
  const logger = {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    options: { ...origin, ...fields },
    with: (added: object) => more(added as Fields),
    withConversationId: (conversationId: string) => more({ conversationId }),
    withUserId: (userId: string) => more({ userId }),
    withMessageId: (messageId: string) => more({ messageId }),
    withWorkflowId: (workflowId: string) => more({ workflowId }),
    forBot: () => (audience === 'bot' ? logger : createLogger(store, origin, 'bot', fields)),
  }
  // BotLogger is a class with private fields; this plain object has each of its methods.
  return logger as unknown as BotLogger
}

function formatArgs(args: readonly unknown[]): string {
  return formatWithOptions({ depth: 4, breakLength: Infinity }, ...args)
}
