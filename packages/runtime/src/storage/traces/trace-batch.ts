import type { Queryable } from '../database/database.js'
import { encodePage } from './trace-pages.js'

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

// The page first, then the turns' rows naming it: one statement, so a batch is stored whole or not at all.
const INSERT = `WITH page AS (INSERT INTO parley_trace_pages (bot_id, last_started_at, steps) VALUES ($1, $3, decode($4, 'base64')) RETURNING id)
  INSERT INTO parley_traces (bot_id, turn_id, kind, conversation_id, message_id, event_id, started_at, duration_ms, failed, workflow_id, page_id, page_index)
  SELECT $1, r.t, r.k, r.c, r.m, r.e, r.s, r.d, r.f, r.w, page.id, r.n - 1
  FROM page, ROWS FROM (json_to_recordset($2::json) AS (t text, k text, c text, m text, e text, s timestamptz, d float8, f boolean, w text))
    WITH ORDINALITY AS r(t, k, c, m, e, s, d, f, w, n)`

/**
 * One statement for the whole batch, with text parameters only, so the embedded database runs it
 * prepared (array parameters would be written out, escaped and planned each time): the rows' fields as
 * one JSON document, read in one pass, and their steps as one compressed page (see `trace-pages.ts`).
 */
async function insertRows(db: Queryable, botId: string, rows: readonly TraceRow[]): Promise<void> {
  const fields = JSON.stringify(rows.map(([t, k, c, m, e, s, d, f, , w]) => ({ t, k, c, m, e, s, d, f, w })))
  const page = encodePage(rows.map((row) => row[8]))
  await db.query(INSERT, [botId, fields, latestStart(rows), page], { name: 'parley_traces_batch' })
}

/** The latest start among the rows, which the page is kept until (a time that is not one fails the batch). */
function latestStart(rows: readonly TraceRow[]): string {
  return new Date(rows.reduce((latest, row) => Math.max(latest, Date.parse(row[5])), -Infinity)).toISOString()
}
