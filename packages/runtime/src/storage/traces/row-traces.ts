import type { Queryable } from '../database/database.js'
import { decodePage } from './trace-pages.js'
import { toTrace } from './trace-row.js'
import type { Trace } from './trace-types.js'
import { turnIdTime } from './turn-id.js'

// The turns stored a row each, before a batch's traces became one row (migration 23): read as they were,
// beside the pages, until they expire. A row holds its steps itself (before migration 20) or names its
// place in a page of steps only.

interface StoredRow {
  turn_id: string
  kind: string
  conversation_id: string | null
  message_id: string | null
  event_id: string | null
  workflow_id: string | null
  started_at: Date | string
  duration_ms: number
  failed: boolean
  steps: string | null
  page_id: string | null
  page_index: number | null
}

const COLUMNS = 'turn_id, kind, conversation_id, message_id, event_id, workflow_id, started_at, duration_ms, failed, steps, page_id::text AS page_id, page_index'

/** A turn id that carries its time is looked up in that millisecond (the time index); another is scanned for. */
export async function rowTrace(db: Queryable, botId: string, turnId: string): Promise<Trace | undefined> {
  const at = turnIdTime(turnId)
  const select = `SELECT ${COLUMNS} FROM parley_traces WHERE bot_id = $1 AND turn_id = $2`
  const { rows } = at === undefined
    ? await db.query<StoredRow>(select, [botId, turnId])
    : await db.query<StoredRow>(`${select} AND started_at >= $3 AND started_at < $4`, [botId, turnId, new Date(at).toISOString(), new Date(at + 1).toISOString()])
  return (await withSteps(db, botId, rows))[0]
}

export async function rowTracesByConversation(db: Queryable, botId: string, conversationId: string, limit: number): Promise<Trace[]> {
  const { rows } = await db.query<StoredRow>(`SELECT ${COLUMNS} FROM parley_traces WHERE bot_id = $1 AND conversation_id = $2
    ORDER BY started_at DESC LIMIT $3`, [botId, conversationId, limit])
  return withSteps(db, botId, rows)
}

export async function rowTracesByWorkflow(db: Queryable, botId: string, workflowId: string, since: Date, until: Date, limit: number): Promise<Trace[]> {
  const { rows } = await db.query<StoredRow>(`SELECT ${COLUMNS} FROM parley_traces WHERE bot_id = $1 AND workflow_id = $2
    AND started_at >= $3 AND started_at <= $4 ORDER BY started_at LIMIT $5`, [botId, workflowId, since.toISOString(), until.toISOString(), limit])
  return withSteps(db, botId, rows)
}

/** The turns' rows that began before `before`, deleted; returns how many. Their pages go with the expiry of pages. */
export async function expireRows(db: Queryable, botId: string, before: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'WITH d AS (DELETE FROM parley_traces WHERE bot_id = $1 AND started_at < $2 RETURNING 1) SELECT count(*)::int AS n FROM d',
    [botId, before.toISOString()],
  )
  return rows[0]?.n ?? 0
}

/** The turns with their steps, each page they need read and inflated once. */
async function withSteps(db: Queryable, botId: string, rows: readonly StoredRow[]): Promise<Trace[]> {
  const paged = await pagedSteps(db, botId, rows)
  return rows.map((row) => toTrace([row.turn_id, row.kind, row.conversation_id, row.message_id, row.event_id, new Date(row.started_at).toISOString(),
    Number(row.duration_ms), row.failed, stepsText(row, paged), row.workflow_id]))
}

const place = (pageId: string, index: number | null) => `${pageId}:${index ?? -1}`

function stepsText(row: StoredRow, paged: ReadonlyMap<string, string>): string {
  if (row.page_id === null) return row.steps ?? '[]'
  return paged.get(place(row.page_id, row.page_index)) ?? '[]'
}

/**
 * The steps of the paged turns among `rows`, by page and place. Only those are kept from each page as it
 * is inflated: a list of a thousand turns may name a thousand pages of a hundred other turns each.
 */
async function pagedSteps(db: Queryable, botId: string, rows: readonly StoredRow[]): Promise<Map<string, string>> {
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
