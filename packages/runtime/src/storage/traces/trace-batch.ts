import type { Queryable } from '../database/database.js'
import { pageColumns, type PageColumns } from './trace-pages.js'
import type { TraceRow } from './trace-row.js'

export type { TraceRow }

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
 * statement cost the dispatch path more than the diagnostics are worth, while one row holding many turns'
 * traces (migration 23) costs a fraction of that per turn. Traces are diagnostics, not data: a crash loses at most
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

/** The name of the prepared statement that writes a batch: it is not one of a turn's statements. */
export const TRACE_PAGE_STATEMENT = 'parley_trace_page'

/** A page's row from its columns (`pageColumns`); also how the expiry rewrites a page it keeps part of. */
export const PAGE_VALUES = `$2::timestamptz, $3::timestamptz, ARRAY(SELECT json_array_elements_text($4::json)), ARRAY(SELECT json_array_elements_text($5::json)),
  string_to_array($6, ',')::bigint[], string_to_array($7, ',')::float8[], string_to_array($8, ',')::int[], decode($9, 'base64')`

const INSERT = `INSERT INTO parley_trace_pages (bot_id, first_started_at, last_started_at, conversation_ids, workflow_ids, offsets_ms, durations_ms, failed, steps)
  VALUES ($1, ${PAGE_VALUES})`

/** The parameters `$2`… of `PAGE_VALUES`. */
export function pageParams(columns: PageColumns): string[] {
  const { firstStartedAt, lastStartedAt, conversationIds, workflowIds, offsets, durations, failed, page } = columns
  return [firstStartedAt, lastStartedAt, conversationIds, workflowIds, offsets, durations, failed, page]
}

/**
 * One row for the whole batch (migration 23), with text parameters only, so the embedded database runs it
 * prepared (array parameters would be written out, escaped and planned each time): the lists as JSON or
 * comma-separated text, the page as base64 (see `trace-pages.ts`).
 */
async function insertRows(db: Queryable, botId: string, rows: readonly TraceRow[]): Promise<void> {
  await db.query(INSERT, [botId, ...pageParams(pageColumns(rows))], { name: TRACE_PAGE_STATEMENT })
}
