import type { Queryable } from '../database/database.js'
import { notFound } from '../errors/storage-error.js'
import { countRecords, listRecords, mapPage, type ListQuery } from '../sql/list.js'
import type { Page, PageOptions } from '../sql/paging.js'
import { sqlParams, type SqlParams } from '../sql/params.js'
import { defined, newId, toIso } from '../sql/records.js'

/** `pending` until handlers ran: then `processed`, or `failed` with the error. */
export type EventStatus = 'pending' | 'processed' | 'failed'

/**
 * What a listing filters on: a `pending` event whose delivery is due later than `now` is `scheduled`
 * (Botpress's status for it), and `pending` then means due by now.
 */
export type ListedEventStatus = EventStatus | 'scheduled'

/** An event as received, with the records it concerns and what became of it. */
export interface StoredEvent {
  readonly id: string
  readonly type: string
  readonly payload: Record<string, unknown>
  readonly conversationId?: string
  readonly userId?: string
  readonly messageId?: string
  readonly status: EventStatus
  readonly error?: string
  readonly createdAt: string
  readonly updatedAt: string
}

export interface CreateEventInput {
  readonly type: string
  readonly payload: Record<string, unknown>
  readonly conversationId?: string
  readonly userId?: string
  readonly messageId?: string
}

export interface ListEventsOptions extends PageOptions {
  readonly type?: string
  /** Only events of one of these types (none when empty). */
  readonly types?: readonly string[]
  readonly status?: ListedEventStatus
  /** The time that tells `scheduled` from `pending` (the database's clock by default). */
  readonly now?: Date
  readonly conversationId?: string
  readonly userId?: string
  /**
   * Stored events whose status has changed and is not stored yet (a turn's, until it commits): a status
   * filter judges them by the status here.
   */
  readonly settled?: ReadonlyMap<string, EventStatus>
}

export interface EventStore {
  create(input: CreateEventInput): Promise<StoredEvent>
  get(id: string): Promise<StoredEvent | undefined>
  list(options?: ListEventsOptions): Promise<Page<StoredEvent>>
  /** How many events `list` would go through, all pages together. */
  count(options?: ListEventsOptions): Promise<number>
  /** @throws StorageError `NOT_FOUND` when the bot has no such event. */
  markProcessed(id: string): Promise<StoredEvent>
  /** Records the failure; `error` is what a person reads in the dashboard. @throws StorageError `NOT_FOUND` */
  markFailed(id: string, error: string): Promise<StoredEvent>
}

/** The events of one bot. */
export function createEventStore(db: Queryable, botId: string): EventStore {
  return {
    create: (input) => createEvent(db, botId, input),
    get: (id) => getEvent(db, botId, id),
    list: (options = {}) => listEvents(db, botId, options),
    count: (options = {}) => countRecords(db, eventQuery(botId, options)),
    markProcessed: (id) => setStatus(db, botId, id, 'processed', null),
    markFailed: (id, error) => setStatus(db, botId, id, 'failed', error),
  }
}

interface EventRow {
  id: string
  type: string
  payload: Record<string, unknown>
  conversation_id: string | null
  user_id: string | null
  message_id: string | null
  status: EventStatus
  error: string | null
  created_at: Date
  updated_at: Date
}

const COLUMNS = 'id, type, payload, conversation_id, user_id, message_id, status, error, created_at, updated_at'

function toEvent(row: EventRow): StoredEvent {
  const { id, type, payload, status } = row
  const references = defined({ conversationId: row.conversation_id, userId: row.user_id, messageId: row.message_id })
  return { id, type, payload, ...references, status, ...defined({ error: row.error }), createdAt: toIso(row.created_at), updatedAt: toIso(row.updated_at) }
}

async function createEvent(db: Queryable, botId: string, input: CreateEventInput): Promise<StoredEvent> {
  const p = sqlParams()
  const references = [input.conversationId, input.userId, input.messageId].map((id) => p.add(id ?? null))
  const values = [p.add(botId), p.add(newId('evt')), p.add(input.type), p.json(input.payload), ...references]
  const sql = `INSERT INTO parley_events (bot_id, id, type, payload, conversation_id, user_id, message_id)
    VALUES (${values.join(', ')}) RETURNING ${COLUMNS}`
  return toEvent((await db.query<EventRow>(sql, p.values)).rows[0]!)
}

async function getEvent(db: Queryable, botId: string, id: string): Promise<StoredEvent | undefined> {
  const { rows } = await db.query<EventRow>(`SELECT ${COLUMNS} FROM parley_events WHERE bot_id = $1 AND id = $2`, [botId, id])
  return rows[0] && toEvent(rows[0])
}

/**
 * The kind of the engine's job that delivers an event (`EVENT_JOB`), with the event's id in its payload
 * as `eventId`: listings look for it to tell `scheduled` from `pending`.
 */
export const EVENT_DELIVERY_JOB_KIND = 'event'

/** Whether a pending event's delivery job is due after `now`. */
const laterDelivery = (now: string) => `EXISTS (SELECT 1 FROM parley_jobs j WHERE j.bot_id = parley_events.bot_id AND j.kind = '${EVENT_DELIVERY_JOB_KIND}'
  AND j.payload->>'eventId' = parley_events.id AND j.run_at > ${now})`

function eventQuery(botId: string, { type, types, status, now, conversationId, userId, settled }: ListEventsOptions): Omit<ListQuery, 'columns' | 'page'> {
  const equal = { bot_id: botId, type, conversation_id: conversationId, user_id: userId }
  return {
    table: 'parley_events', equal,
    conditions: (p) => [
      ...(types === undefined ? [] : [`type = ANY(${p.add([...types], 'text[]')})`]),
      ...(status === undefined ? [] : [statusCondition(p, status, now, settled)]),
    ],
  }
}

/** A listed status as SQL: the stored status, `scheduled` and `pending` told apart by the delivery job's time. */
function storedStatusCondition(p: SqlParams, status: ListedEventStatus, now: Date | undefined): string {
  const stored = `status = ${p.add(status === 'scheduled' ? 'pending' : status)}`
  if (status === 'scheduled') return `${stored} AND ${laterDelivery(nowSql(p, now))}`
  return status === 'pending' ? `${stored} AND NOT ${laterDelivery(nowSql(p, now))}` : stored
}

/** An event settled and not yet stored is listed by its new status (processed or failed), whatever is stored. */
function statusCondition(p: SqlParams, status: ListedEventStatus, now: Date | undefined, settled: ReadonlyMap<string, EventStatus> | undefined): string {
  if (!settled || settled.size === 0) return storedStatusCondition(p, status, now)
  const asListed = [...settled].filter(([, to]) => to === status).map(([id]) => id)
  return `((id <> ALL(${p.add([...settled.keys()], 'text[]')}) AND ${storedStatusCondition(p, status, now)}) OR id = ANY(${p.add(asListed, 'text[]')}))`
}

/** `now` as SQL: a parameter, or the database's clock when none is given. */
const nowSql = (p: SqlParams, now: Date | undefined) => (now ? `${p.add(now.toISOString())}::timestamptz` : 'now()')

async function listEvents(db: Queryable, botId: string, options: ListEventsOptions): Promise<Page<StoredEvent>> {
  const { limit, offset, order } = options
  return mapPage(await listRecords<EventRow>(db, { ...eventQuery(botId, options), columns: COLUMNS, page: { limit, offset, order } }), toEvent)
}

async function setStatus(db: Queryable, botId: string, id: string, status: EventStatus, error: string | null): Promise<StoredEvent> {
  const sql = `UPDATE parley_events SET status = $3, error = $4, updated_at = now() WHERE bot_id = $1 AND id = $2 RETURNING ${COLUMNS}`
  const { rows } = await db.query<EventRow>(sql, [botId, id, status, error])
  if (!rows[0]) throw notFound('event', id, botId)
  return toEvent(rows[0])
}
