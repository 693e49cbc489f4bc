import type { Queryable } from '../storage/database/index.js'
import type { LogLevel, LogLinks, LogRecord, NewLogRecord } from './log-record.js'

export interface LogQuery extends LogLinks {
  readonly level?: LogLevel
  /** Records of this level and above (`warn`: warnings and errors). */
  readonly minLevel?: LogLevel
  readonly source?: string
  /** Records after this sequence number. */
  readonly after?: number
  /** Only records that describe a handler failure. */
  readonly failures?: boolean
  readonly limit?: number
}

/**
 * The bot's log. Writing never waits and never throws, so logging cannot break a handler; `flush` waits
 * for what was written so far to be stored.
 */
export interface LogStore {
  write(record: NewLogRecord): void
  flush(): Promise<void>
  list(query?: LogQuery): Promise<LogRecord[]>
  /** Calls `listener` with each record once stored, until the returned function is called. */
  subscribe(listener: (record: LogRecord) => void): () => void
}

export interface LogStoreOptions {
  /** Also hands every record to this function as it is written (e.g. to print it). */
  readonly echo?: (record: NewLogRecord) => void
}

export function createLogStore(db: Queryable, botId: string, options: LogStoreOptions = {}): LogStore {
  let pending: Promise<void> = Promise.resolve()
  const listeners = new Set<(record: LogRecord) => void>()
  const stored = (record: NewLogRecord) => async () => {
    const created = await insertLog(db, botId, record)
    for (const listener of listeners) listener({ ...created, ...record })
  }
  return {
    subscribe: (listener) => {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    write: (record) => {
      options.echo?.(record)
      pending = pending.then(stored(record)).catch((error: unknown) => {
        // The log table itself failed (e.g. the database closed): the console is all that is left.
        console.error(`parley: could not store a log record (${(error as Error).message}):`, record.message)
      })
    },
    flush: () => pending,
    list: async (query = {}) => {
      await pending
      return listLogs(db, botId, query)
    },
  }
}

async function insertLog(db: Queryable, botId: string, record: NewLogRecord): Promise<{ seq: number; createdAt: string }> {
  const sql = `INSERT INTO parley_logs (bot_id, level, audience, source, message, data, conversation_id, user_id, message_id, event_id, turn_id)
    VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9, $10, $11) RETURNING seq, created_at`
  const links = [record.conversationId, record.userId, record.messageId, record.eventId, record.turnId].map((id) => id || null)
  const { rows } = await db.query<{ seq: number; created_at: Date | string }>(sql, [botId, record.level, record.audience, record.source, record.message, record.data ? JSON.stringify(record.data) : null, ...links])
  return { seq: Number(rows[0]!.seq), createdAt: new Date(rows[0]!.created_at).toISOString() }
}

interface LogRow {
  seq: number
  level: LogLevel
  audience: 'developer' | 'bot'
  source: string
  message: string
  data: Record<string, unknown> | null
  conversation_id: string | null
  user_id: string | null
  message_id: string | null
  event_id: string | null
  turn_id: string | null
  created_at: Date | string
}

async function listLogs(db: Queryable, botId: string, query: LogQuery): Promise<LogRecord[]> {
  const sql = `SELECT * FROM parley_logs WHERE bot_id = $1 AND ($2::text IS NULL OR level = $2)
    AND ($3::text IS NULL OR conversation_id = $3) AND ($4::text IS NULL OR message_id = $4) AND ($5::text IS NULL OR event_id = $5)
    AND ($6::text IS NULL OR user_id = $6) AND (NOT $7::boolean OR data ? 'failure')
    AND ($9::text IS NULL OR turn_id = $9) AND ($10::text IS NULL OR source = $10) AND ($11::bigint IS NULL OR seq > $11)
    AND ($12::text[] IS NULL OR level = ANY($12::text[])) ORDER BY seq LIMIT $8`
  const params = [botId, query.level, query.conversationId, query.messageId, query.eventId, query.userId].map((value) => value ?? null)
  const more = [query.turnId ?? null, query.source ?? null, query.after ?? null, query.minLevel ? levelsFrom(query.minLevel) : null]
  const { rows } = await db.query<LogRow>(sql, [...params, query.failures ?? false, query.limit ?? 1000, ...more])
  return rows.map(toRecord)
}

function toRecord(row: LogRow): LogRecord {
  const links = { conversationId: row.conversation_id, userId: row.user_id, messageId: row.message_id, eventId: row.event_id, turnId: row.turn_id }
  const present = Object.fromEntries(Object.entries(links).filter(([, value]) => value !== null))
  return {
    seq: Number(row.seq), level: row.level, audience: row.audience, source: row.source, message: row.message,
    ...(row.data ? { data: row.data } : {}), ...present, createdAt: new Date(row.created_at).toISOString(),
  }
}

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error']

function levelsFrom(level: LogLevel): LogLevel[] {
  return LEVELS.slice(LEVELS.indexOf(level))
}
