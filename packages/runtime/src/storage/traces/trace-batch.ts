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
  SELECT $1, r.t, r.k, r.c, r.m, r.e, r.s, r.d, r.f, x.steps, r.w
  FROM ROWS FROM (json_to_recordset($2::json) AS (t text, k text, c text, m text, e text, s timestamptz, d float8, f boolean, w text))
    WITH ORDINALITY AS r(t, k, c, m, e, s, d, f, w, n)
  JOIN unnest(string_to_array($3, E'\\x01')) WITH ORDINALITY AS x(steps, n) USING (n)`

/** Between two turns' steps: JSON text never holds a raw control character, so it cannot be in one. */
const SEPARATOR = '\u0001'

/**
 * One statement for the whole batch, with text parameters only, so the embedded database runs it
 * prepared (array parameters would be written out, escaped and planned each time): the rows' fields as
 * one JSON document, read in one pass, and their steps, the bulk of a trace, as their JSON texts one after
 * the other, which the database splits and stores as they are without parsing them.
 */
async function insertRows(db: Queryable, botId: string, rows: readonly TraceRow[]): Promise<void> {
  const fields = JSON.stringify(rows.map(([t, k, c, m, e, s, d, f, , w]) => ({ t, k, c, m, e, s, d, f, w })))
  await db.query(INSERT, [botId, fields, rows.map((row) => row[8]).join(SEPARATOR)], { name: 'parley_traces_batch' })
}
