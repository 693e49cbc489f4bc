import type { Queryable } from '../database/database.js'
import { pagedTrace, pagedTracesByConversation, pagedTracesByWorkflow, expirePages } from './paged-traces.js'
import { rowTrace, rowTracesByConversation, rowTracesByWorkflow, expireRows } from './row-traces.js'
import { createTraceBatch, type TraceBatchOptions, type TraceRow as TraceColumns } from './trace-batch.js'
import { byStart } from './trace-row.js'
import type { MetricsBucket, Trace } from './trace-types.js'

export type { MetricsBucket, Trace, TraceError, TraceStep, TraceSummary } from './trace-types.js'

export interface TraceStore {
  /** Stores a turn's trace with the next batch; every read below sees it. */
  record(trace: TraceColumns): void
  /** Writes the traces recorded so far. */
  flush(): Promise<void>
  /** Writes what waits; call before the database closes. */
  close(): Promise<void>
  get(turnId: string): Promise<Trace | undefined>
  listByConversation(conversationId: string, limit: number): Promise<Trace[]>
  /** The turns that ran a workflow's handlers between `since` and `until` (its lifetime), oldest first. */
  listByWorkflow(workflowId: string, since: Date, until: Date, limit: number): Promise<Trace[]>
  metrics(since: Date, until: Date): Promise<MetricsBucket[]>
  /** Deletes traces that began before `before`; returns how many. */
  expire(before: Date): Promise<number>
}

/**
 * Reads write what waits first, so a turn's trace is readable as soon as the turn is announced. Turns are
 * stored a page a batch (`paged-traces.ts`); those stored a row each before are read beside them
 * (`row-traces.ts`) until they expire.
 */
export function createTraceStore(db: Queryable, botId: string, batching: TraceBatchOptions = {}): TraceStore {
  const batch = createTraceBatch(db, botId, batching)
  const { flush } = batch
  const flushed = <A extends unknown[], R>(read: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    await flush()
    return read(...args)
  }
  return {
    record: batch.add,
    flush,
    close: batch.close,
    get: flushed(async (turnId: string) => (await pagedTrace(db, botId, turnId)) ?? rowTrace(db, botId, turnId)),
    listByConversation: flushed(async (conversationId: string, limit: number) =>
      latest(limit, await Promise.all([pagedTracesByConversation(db, botId, conversationId, limit), rowTracesByConversation(db, botId, conversationId, limit)]))),
    listByWorkflow: flushed(async (workflowId: string, since: Date, until: Date, limit: number) =>
      earliest(limit, await Promise.all([pagedTracesByWorkflow(db, botId, workflowId, since, until, limit), rowTracesByWorkflow(db, botId, workflowId, since, until, limit)]))),
    metrics: flushed((since: Date, until: Date) => metrics(db, botId, since, until)),
    expire: flushed(async (before: Date) => (await expireRows(db, botId, before)) + (await expirePages(db, botId, before))),
  }
}

// `slice(-0)` would keep every turn: a limit of 0 asks for none.
const latest = (limit: number, lists: Trace[][]): Trace[] => (limit > 0 ? lists.flat().sort(byStart).slice(-limit) : [])
const earliest = (limit: number, lists: Trace[][]): Trace[] => lists.flat().sort(byStart).slice(0, limit)

/** Each turn's minute, whether it failed and how long it took, from the pages' columns and the rows of before. */
const TURN_TIMES = `SELECT p.first_started_at + t.offset_ms * interval '1 millisecond' AS started_at, t.n = ANY(p.failed) AS failed, t.duration_ms
    FROM parley_trace_pages p, unnest(p.offsets_ms, p.durations_ms) WITH ORDINALITY AS t(offset_ms, duration_ms, n)
    WHERE p.bot_id = $1 AND p.offsets_ms IS NOT NULL AND p.last_started_at >= date_trunc('minute', $2::timestamptz)
      AND p.first_started_at < date_trunc('minute', $3::timestamptz) + interval '1 minute'
  UNION ALL
  SELECT started_at, failed, duration_ms FROM parley_traces
    WHERE bot_id = $1 AND started_at >= date_trunc('minute', $2::timestamptz) AND started_at < date_trunc('minute', $3::timestamptz) + interval '1 minute'`

async function metrics(db: Queryable, botId: string, since: Date, until: Date): Promise<MetricsBucket[]> {
  const { rows } = await db.query<{ at: Date | string; turns: number; failures: number; p50: number | null; p99: number | null }>(
    // One range read of the time indexes for the whole span, then bucketed: not one probe per minute.
    `WITH t AS (SELECT date_trunc('minute', started_at) AS at, failed, duration_ms FROM (${TURN_TIMES}) turns)
     SELECT m.at, count(t.at)::int AS turns, count(t.at) FILTER (WHERE t.failed)::int AS failures,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY t.duration_ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY t.duration_ms) AS p99
     FROM generate_series(date_trunc('minute', $2::timestamptz), date_trunc('minute', $3::timestamptz), interval '1 minute') AS m(at)
     LEFT JOIN t ON t.at = m.at
     GROUP BY m.at ORDER BY m.at`,
    [botId, since.toISOString(), until.toISOString()],
  )
  return rows.map((row) => ({ at: new Date(row.at).toISOString(), turns: row.turns, failures: row.failures, p50Ms: row.p50 ?? 0, p99Ms: row.p99 ?? 0 }))
}
