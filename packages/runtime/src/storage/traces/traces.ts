import type { Queryable } from '../database/database.js'
import { createTraceBatch, type TraceBatchOptions, type TraceRow as TraceColumns } from './trace-batch.js'
import { decodePage } from './trace-pages.js'
import { turnIdTime } from './turn-id.js'

export interface TraceError {
  readonly message: string
  readonly stack?: string
}

interface Timed {
  readonly owner: string
  readonly name: string
  readonly startMs: number
  readonly durationMs: number
  readonly error?: TraceError
}

export type TraceStep =
  | (Timed & { readonly kind: 'hook'; readonly hook: string; readonly result: 'ok' | 'changed' | 'stopped' | 'error' })
  | (Timed & { readonly kind: 'handler'; readonly handler: string; readonly result: 'ok' | 'error' })
  | (Timed & { readonly kind: 'action'; readonly result: 'ok' | 'error' })
  | { readonly kind: 'event'; readonly name: string; readonly eventId: string; readonly startMs: number }
  | { readonly kind: 'stateRead' | 'stateWrite'; readonly stateType: string; readonly id: string; readonly name: string; readonly startMs: number }
  | { readonly kind: 'message'; readonly messageId: string; readonly type: string; readonly startMs: number }

/** A stored turn: what it handled, when, for how long, and its steps (as the runtime recorded them). */
export interface TraceSummary {
  readonly turnId: string
  readonly kind: string
  readonly conversationId?: string
  readonly messageId?: string
  readonly eventId?: string
  /** The workflow whose handlers the turn ran. */
  readonly workflowId?: string
  readonly startedAt: string
  readonly durationMs: number
  readonly failed: boolean
}

export interface Trace extends TraceSummary {
  readonly steps: readonly TraceStep[]
}

/** Turns per minute, failed turns, and turn latency percentiles. */
export interface MetricsBucket {
  readonly at: string
  readonly turns: number
  readonly failures: number
  readonly p50Ms: number
  readonly p99Ms: number
}

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

interface TraceRow {
  turn_id: string
  kind: string
  conversation_id: string | null
  message_id: string | null
  event_id: string | null
  workflow_id: string | null
  started_at: Date | string
  duration_ms: number
  failed: boolean
  /** The JSON text the runtime wrote, in a row stored before pages (migration 20). */
  steps: string | null
  /** The page holding the turn's steps, and their place in it. */
  page_id: string | null
  page_index: number | null
}

const SUMMARY = 'turn_id, kind, conversation_id, message_id, event_id, workflow_id, started_at, duration_ms, failed'
const STEPS = 'steps, page_id::text AS page_id, page_index'

/** Reads write what waits first, so a turn's trace is readable as soon as the turn is announced. */
export function createTraceStore(db: Queryable, botId: string, batching: TraceBatchOptions = {}): TraceStore {
  const batch = createTraceBatch(db, botId, batching)
  const { flush } = batch
  return {
    record: batch.add,
    flush,
    close: batch.close,
    get: async (turnId) => {
      await flush()
      return getTrace(db, botId, turnId)
    },
    listByConversation: async (conversationId, limit) => {
      await flush()
      const { rows } = await db.query<TraceRow>(`SELECT * FROM (SELECT ${SUMMARY}, ${STEPS} FROM parley_traces WHERE bot_id = $1 AND conversation_id = $2
        ORDER BY started_at DESC LIMIT $3) t ORDER BY started_at`, [botId, conversationId, limit])
      return withSteps(db, botId, rows)
    },
    listByWorkflow: async (workflowId, since, until, limit) => {
      await flush()
      const { rows } = await db.query<TraceRow>(`SELECT ${SUMMARY}, ${STEPS} FROM parley_traces WHERE bot_id = $1 AND workflow_id = $2
        AND started_at >= $3 AND started_at <= $4 ORDER BY started_at LIMIT $5`, [botId, workflowId, since.toISOString(), until.toISOString(), limit])
      return withSteps(db, botId, rows)
    },
    metrics: async (since, until) => {
      await flush()
      return metrics(db, botId, since, until)
    },
    expire: async (before) => {
      await flush()
      return expire(db, botId, before)
    },
  }
}

/** A turn id that carries its time is looked up in that millisecond (the time index); another is scanned for. */
async function getTrace(db: Queryable, botId: string, turnId: string): Promise<Trace | undefined> {
  const at = turnIdTime(turnId)
  const select = `SELECT ${SUMMARY}, ${STEPS} FROM parley_traces WHERE bot_id = $1 AND turn_id = $2`
  const { rows } = at === undefined
    ? await db.query<TraceRow>(select, [botId, turnId])
    : await db.query<TraceRow>(`${select} AND started_at >= $3 AND started_at < $4`, [botId, turnId, new Date(at).toISOString(), new Date(at + 1).toISOString()])
  return (await withSteps(db, botId, rows))[0]
}

async function metrics(db: Queryable, botId: string, since: Date, until: Date): Promise<MetricsBucket[]> {
  const { rows } = await db.query<{ at: Date | string; turns: number; failures: number; p50: number | null; p99: number | null }>(
    // One range read of the time index for the whole span, then bucketed: not one probe per minute.
    `WITH t AS (SELECT date_trunc('minute', started_at) AS at, failed, duration_ms FROM parley_traces
       WHERE bot_id = $1 AND started_at >= date_trunc('minute', $2::timestamptz) AND started_at < date_trunc('minute', $3::timestamptz) + interval '1 minute')
     SELECT m.at, count(t.at)::int AS turns, count(t.at) FILTER (WHERE t.failed)::int AS failures,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY t.duration_ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY t.duration_ms) AS p99
     FROM generate_series(date_trunc('minute', $2::timestamptz), date_trunc('minute', $3::timestamptz), interval '1 minute') AS m(at)
     LEFT JOIN t ON t.at = m.at
     GROUP BY m.at ORDER BY m.at`,
    [botId, since.toISOString(), until.toISOString()],
  )
  return rows.map((row) => ({ at: new Date(row.at).toISOString(), turns: row.turns, failures: row.failures, p50Ms: row.p50 ?? 0, p99Ms: row.p99 ?? 0 }))
}

function toSummary(row: TraceRow): TraceSummary {
  const links = { conversationId: row.conversation_id, messageId: row.message_id, eventId: row.event_id, workflowId: row.workflow_id }
  const present = Object.fromEntries(Object.entries(links).filter(([, value]) => value !== null))
  return { turnId: row.turn_id, kind: row.kind, ...present, startedAt: new Date(row.started_at).toISOString(), durationMs: Number(row.duration_ms), failed: row.failed }
}

/** The turns with their steps, each page they need read and inflated once. */
async function withSteps(db: Queryable, botId: string, rows: readonly TraceRow[]): Promise<Trace[]> {
  const paged = await pagedSteps(db, botId, rows)
  return rows.map((row) => ({ ...toSummary(row), steps: JSON.parse(stepsText(row, paged)) as TraceStep[] }))
}

const place = (pageId: string, index: number | null) => `${pageId}:${index ?? -1}`

function stepsText(row: TraceRow, paged: ReadonlyMap<string, string>): string {
  if (row.page_id === null) return row.steps ?? '[]'
  return paged.get(place(row.page_id, row.page_index)) ?? '[]'
}

/**
 * The steps of the paged turns among `rows`, by page and place. Only those are kept from each page as it
 * is inflated: a list of a thousand turns may name a thousand pages of a hundred other turns each.
 */
async function pagedSteps(db: Queryable, botId: string, rows: readonly TraceRow[]): Promise<Map<string, string>> {
  const wanted = new Map<string, number[]>()
  for (const row of rows) {
    if (row.page_id === null) continue
    const places = wanted.get(row.page_id) ?? []
    places.push(row.page_index ?? -1)
    wanted.set(row.page_id, places)
  }
  const texts = new Map<string, string>()
  if (wanted.size === 0) return texts
  const { rows: pages } = await db.query<{ id: string; steps: string }>(
    `SELECT id::text AS id, encode(steps, 'base64') AS steps FROM parley_trace_pages WHERE bot_id = $1 AND id IN (SELECT value::bigint FROM json_array_elements_text($2::json))`,
    [botId, JSON.stringify([...wanted.keys()])],
  )
  for (const page of pages) {
    const all = decodePage(page.steps)
    for (const index of wanted.get(page.id) ?? []) if (all[index] !== undefined) texts.set(place(page.id, index), all[index]!)
  }
  return texts
}

/** Deletes the turns that began before `before`, and the pages whose turns all did. */
async function expire(db: Queryable, botId: string, before: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `WITH pages AS (DELETE FROM parley_trace_pages WHERE bot_id = $1 AND last_started_at < $2),
       d AS (DELETE FROM parley_traces WHERE bot_id = $1 AND started_at < $2 RETURNING 1)
     SELECT count(*)::int AS n FROM d`,
    [botId, before.toISOString()],
  )
  return rows[0]?.n ?? 0
}
