import type { Queryable } from '../database/database.js'

/** A trace's columns in order: turn, kind, conversation, message, event, started at (ISO), duration (ms), failed, steps (JSON text), workflow. */
export type TraceRow = readonly [string, string, string | null, string | null, string | null, string, number, boolean, string, string | null]

export interface TraceBatchOptions {
  /** Rows waiting that make the batch be written at once. */
  readonly maxRows?: number
  /** Longest a row waits before its batch is written, in milliseconds. */
  readonly delayMs?: number
  /** Told when a batch could not be written (its rows are dropped). */
  readonly onError?: (error: unknown, rows: number) => void
}

export interface TraceBatch {
  add(row: TraceRow): void
  /** Writes every row added so far; resolves once they are readable. */
  flush(): Promise<void>
  /** Writes what waits and stops the timer; rows added later are written at once, one batch each. */
  close(): Promise<void>
}

/**
 * Traces are written in batches, apart from the turns they describe: a row per turn inside the turn's own
 * statement cost the dispatch path more than the diagnostics are worth, while one multi-row INSERT of many
 * turns' traces costs a fraction of that per row. Traces are diagnostics, not data: a crash loses at most
 * the rows of the batch not yet written (under `delayMs` of turns), and the turns themselves are stored.
 */
export function createTraceBatch(db: Queryable, botId: string, options: TraceBatchOptions = {}): TraceBatch {
  const maxRows = options.maxRows ?? 128
  const delayMs = options.delayMs ?? 250
  let waiting: TraceRow[] = []
  let timer: NodeJS.Timeout | undefined
  let writing: Promise<void> = Promise.resolve()
  let closed = false
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (waiting.length === 0) return writing
    const rows = waiting
    waiting = []
    // One write at a time, in order, so a flush that resolves covers every row added before it.
    writing = writing.then(() => insertRows(db, botId, rows)).catch((error: unknown) => options.onError?.(error, rows.length))
    return writing
  }
  return {
    add: (row) => {
      waiting.push(row)
      if (closed || waiting.length >= maxRows) void flush()
      else if (!timer) timer = setTimeout(() => void flush(), delayMs).unref()
    },
    flush,
    close: () => {
      closed = true
      return flush()
    },
  }
}

const INSERT = `INSERT INTO parley_traces (bot_id, turn_id, kind, conversation_id, message_id, event_id, started_at, duration_ms, failed, steps, workflow_id)
  SELECT $1, t.turn, t.kind, t.conversation, t.message, t.event, t.started, t.duration, t.failed, t.steps::json, t.workflow
  FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::float8[], $9::boolean[], $10::text[], $11::text[])
    AS t(turn, kind, conversation, message, event, started, duration, failed, steps, workflow)`

/** One statement for the whole batch: each column as one array parameter, so the statement is prepared once. */
async function insertRows(db: Queryable, botId: string, rows: readonly TraceRow[]): Promise<void> {
  const columns = Array.from({ length: 10 }, (_, index) => rows.map((row) => row[index]))
  await db.query(INSERT, [botId, ...columns], { name: 'parley_traces_batch' })
}
