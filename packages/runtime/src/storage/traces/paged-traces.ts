import type { Queryable } from '../database/database.js'
import { PAGE_VALUES, pageParams } from './trace-batch.js'
import { decodeTurns, pageColumns } from './trace-pages.js'
import { byStart, startOf, toTrace, type TraceRow } from './trace-row.js'
import type { Trace } from './trace-types.js'
import { turnIdTime } from './turn-id.js'

// The turns stored a page a batch (migration 23). A read finds the pages through their uncompressed
// columns, inflates each once and keeps only the turns it asked for.

const WHOLE = 'bot_id = $1 AND offsets_ms IS NOT NULL'
const PAGE = "id::text AS id, encode(steps, 'base64') AS page"

interface PageRow {
  id: string
  page: string
}

const turnsOf = (pages: readonly PageRow[]): TraceRow[] => pages.flatMap((page) => decodeTurns(page.page))

/**
 * A turn's id carries the millisecond it began (a version 7 UUID), so it is looked for in the pages whose
 * span holds that millisecond (the two time indexes); an id of another form names no turn of a page, and is
 * not looked for in every page.
 */
export async function pagedTrace(db: Queryable, botId: string, turnId: string): Promise<Trace | undefined> {
  const at = turnIdTime(turnId)
  if (at === undefined) return undefined
  const time = new Date(at).toISOString()
  const { rows } = await db.query<PageRow>(`SELECT ${PAGE} FROM parley_trace_pages WHERE ${WHOLE} AND first_started_at <= $2 AND last_started_at >= $2`, [botId, time])
  const found = turnsOf(rows).find((row) => row[0] === turnId)
  return found && toTrace(found)
}

/**
 * The conversation's latest `limit` turns, oldest first. The `limit` pages of the conversation that ended
 * last hold at least `limit` of its turns; a page that ended earlier can still hold a later turn only if it
 * ended after the earliest of those pages began, so those are read too.
 */
export async function pagedTracesByConversation(db: Queryable, botId: string, conversationId: string, limit: number): Promise<Trace[]> {
  const mine = `${WHOLE} AND conversation_ids @> ARRAY[$2::text]`
  const { rows } = await db.query<PageRow>(
    `WITH latest AS (SELECT first_started_at FROM parley_trace_pages WHERE ${mine} ORDER BY last_started_at DESC LIMIT $3)
     SELECT ${PAGE} FROM parley_trace_pages WHERE ${mine} AND last_started_at >= (SELECT min(first_started_at) FROM latest)`,
    [botId, conversationId, limit],
  )
  return limit > 0 ? turnsOf(rows).filter((row) => row[2] === conversationId).map(toTrace).sort(byStart).slice(-limit) : []
}

/** The turns that ran the workflow's handlers between `since` and `until`, oldest first, as `pagedTracesByConversation` bounds them. */
export async function pagedTracesByWorkflow(db: Queryable, botId: string, workflowId: string, since: Date, until: Date, limit: number): Promise<Trace[]> {
  const mine = `${WHOLE} AND workflow_ids @> ARRAY[$2::text] AND last_started_at >= $3 AND first_started_at <= $4`
  const { rows } = await db.query<PageRow>(
    `WITH earliest AS (SELECT last_started_at FROM parley_trace_pages WHERE ${mine} ORDER BY first_started_at LIMIT $5)
     SELECT ${PAGE} FROM parley_trace_pages WHERE ${mine} AND first_started_at <= (SELECT max(last_started_at) FROM earliest)`,
    [botId, workflowId, since.toISOString(), until.toISOString(), limit],
  )
  const [from, to] = [since.getTime(), until.getTime()]
  const within = (row: TraceRow) => row[9] === workflowId && startOf(row) >= from && startOf(row) <= to
  return turnsOf(rows).filter(within).map(toTrace).sort(byStart).slice(0, limit)
}

/**
 * Deletes the pages whose turns all began before `before`, and rewrites the few that hold turns from both
 * sides of it (a batch's span is a fraction of a second, or a long turn's length) without the older ones;
 * returns how many turns went. Pages written before migration 23 go too: their turns' rows went already.
 */
export async function expirePages(db: Queryable, botId: string, before: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `WITH d AS (DELETE FROM parley_trace_pages WHERE bot_id = $1 AND last_started_at < $2 RETURNING coalesce(cardinality(offsets_ms), 0) AS n)
     SELECT coalesce(sum(n), 0)::int AS n FROM d`,
    [botId, before.toISOString()],
  )
  return (rows[0]?.n ?? 0) + (await trimPages(db, botId, before))
}

async function trimPages(db: Queryable, botId: string, before: Date): Promise<number> {
  const { rows } = await db.query<PageRow>(`SELECT ${PAGE} FROM parley_trace_pages WHERE ${WHOLE} AND first_started_at < $2 AND last_started_at >= $2`, [botId, before.toISOString()])
  let dropped = 0
  for (const page of rows) dropped += await trimPage(db, botId, page, before.getTime())
  return dropped
}

async function trimPage(db: Queryable, botId: string, page: PageRow, before: number): Promise<number> {
  const turns = decodeTurns(page.page)
  const kept = turns.filter((row) => startOf(row) >= before)
  await db.query(`UPDATE parley_trace_pages SET (first_started_at, last_started_at, conversation_ids, workflow_ids, offsets_ms, durations_ms, failed, steps) = (${PAGE_VALUES})
    WHERE bot_id = $1 AND id = $10::bigint`, [botId, ...pageParams(pageColumns(kept)), page.id])
  return turns.length - kept.length
}
