import type { AppDelivery, AppManifest, AppTrigger, InstalledApp } from '@parley/sdk'
import type { Queryable } from '../database/database.js'

/** An installed app with what signs its deliveries (newest secret first). */
export interface StoredApp extends InstalledApp {
  readonly secrets: readonly string[]
}

export interface SaveAppInput {
  readonly manifest: AppManifest
  readonly secrets: readonly string[]
  readonly intervalSeconds: number
  readonly memoryAfterSeconds: number
}

export type NewAppDelivery = Omit<AppDelivery, 'id' | 'createdAt'>

/** A conversation's messages an app has not been sent yet. */
export interface PendingMessage {
  readonly seq: number
  readonly id: string
  readonly conversationId: string
  readonly userId: string
  readonly direction: 'incoming' | 'outgoing'
  readonly type: string
  readonly payload: Record<string, unknown>
  readonly createdAt: string
}

/** A conversation whose users have been silent long enough to count as ended, not yet delivered as such. */
export interface EndedConversation {
  readonly conversationId: string
  readonly userId: string
  readonly lastIncomingSeq: number
}

export interface AppStore {
  save(input: SaveAppInput): Promise<StoredApp>
  get(id: string): Promise<StoredApp | undefined>
  list(): Promise<StoredApp[]>
  remove(id: string): Promise<boolean>
  setSecrets(id: string, secrets: readonly string[]): Promise<StoredApp | undefined>
  /** Messages written since `since` and after the app's cursor in their conversation, oldest first, leaving out what apps replied. */
  pendingMessages(appId: string, since: Date, limit: number): Promise<PendingMessage[]>
  /**
   * Conversations whose last user message was written between `since` and `silentSince`, and is newer
   * than the last end delivered.
   */
  endedConversations(appId: string, window: { readonly since: Date; readonly silentSince: Date }, limit: number): Promise<EndedConversation[]>
  /** When the app last looked for news; the next tick reads from a little before it. */
  tickedAt(appId: string): Promise<Date | undefined>
  markTicked(appId: string, at: Date): Promise<void>
  /** The conversation's messages, oldest first, at most `limit` of the newest, leaving out what apps replied. */
  transcript(conversationId: string, limit: number): Promise<PendingMessage[]>
  advanceCursor(appId: string, conversationId: string, column: 'cursor_seq' | 'memory_seq', seq: number): Promise<void>
  recordDelivery(delivery: NewAppDelivery): Promise<void>
  listDeliveries(options: { readonly appId?: string; readonly conversationId?: string; readonly limit: number; readonly offset: number }): Promise<AppDelivery[]>
}

interface AppRow {
  id: string
  manifest: AppManifest
  trigger: AppTrigger
  webhook_url: string
  secrets: string[]
  interval_seconds: number
  memory_after_seconds: number
  installed_at: Date | string
}

const APP_COLUMNS = 'id, manifest, trigger, webhook_url, secrets, interval_seconds, memory_after_seconds, installed_at'

export function createAppStore(db: Queryable, botId: string): AppStore {
  const one = async (sql: string, params: readonly unknown[]) => (await db.query<AppRow>(sql, [botId, ...params])).rows.map(toApp)[0]
  return {
    save: async (input) => (await one(UPSERT, [input.manifest.id, JSON.stringify(input.manifest), input.manifest.external_integration.triggers_on,
      input.manifest.external_integration.webhook_url, JSON.stringify(input.secrets), input.intervalSeconds, input.memoryAfterSeconds]))!,
    get: (id) => one(`SELECT ${APP_COLUMNS} FROM parley_apps WHERE bot_id = $1 AND id = $2`, [id]),
    list: async () => (await db.query<AppRow>(`SELECT ${APP_COLUMNS} FROM parley_apps WHERE bot_id = $1 ORDER BY id`, [botId])).rows.map(toApp),
    remove: async (id) => (await db.query('DELETE FROM parley_apps WHERE bot_id = $1 AND id = $2 RETURNING id', [botId, id])).rows.length > 0,
    setSecrets: (id, secrets) => one(`UPDATE parley_apps SET secrets = $3::text::jsonb WHERE bot_id = $1 AND id = $2 RETURNING ${APP_COLUMNS}`, [id, JSON.stringify(secrets)]),
    pendingMessages: async (appId, since, limit) => (await db.query<MessageRow>(PENDING, [botId, appId, limit, since.toISOString()])).rows.map(toPending),
    endedConversations: async (appId, window, limit) => (await db.query<EndedRow>(ENDED, [botId, appId, limit, window.since.toISOString(), window.silentSince.toISOString()])).rows.map(toEnded),
    tickedAt: async (appId) => {
      const { rows } = await db.query<{ ticked_at: Date | string }>('SELECT ticked_at FROM parley_apps WHERE bot_id = $1 AND id = $2', [botId, appId])
      return rows[0] ? new Date(rows[0].ticked_at) : undefined
    },
    markTicked: async (appId, at) => void (await db.query('UPDATE parley_apps SET ticked_at = $3 WHERE bot_id = $1 AND id = $2', [botId, appId, at.toISOString()])),
    transcript: async (conversationId, limit) => (await db.query<MessageRow>(TRANSCRIPT, [botId, conversationId, limit])).rows.map(toPending),
    advanceCursor: async (appId, conversationId, column, seq) => void (await db.query(advance(column), [botId, appId, conversationId, seq])),
    recordDelivery: async (delivery) => void (await db.query(RECORD, [botId, ...deliveryValues(delivery)])),
    listDeliveries: async (options) => (await db.query<DeliveryRow>(LIST_DELIVERIES, [botId, options.appId ?? null, options.conversationId ?? null, options.limit, options.offset])).rows.map(toDelivery),
  }
}

const UPSERT = `INSERT INTO parley_apps (bot_id, id, manifest, trigger, webhook_url, secrets, interval_seconds, memory_after_seconds)
  VALUES ($1, $2, $3::text::jsonb, $4, $5, $6::text::jsonb, $7, $8)
  ON CONFLICT (bot_id, id) DO UPDATE SET manifest = excluded.manifest, trigger = excluded.trigger, webhook_url = excluded.webhook_url,
    secrets = excluded.secrets, interval_seconds = excluded.interval_seconds, memory_after_seconds = excluded.memory_after_seconds
  RETURNING ${APP_COLUMNS}`

/** The tag on a message an app's reply became, naming the app. */
export const APP_REPLY_TAG = 'parley:app'

// Messages an app sent back (its `{ message }` replies) are not news to apps: sending them on would let
// two apps answer each other for ever.
const NOT_A_REPLY = `NOT (m.tags ? '${APP_REPLY_TAG}')`
// Only what was said after the app was installed is sent to it, and only recent messages are read ($4).
const SINCE = `m.created_at >= GREATEST($4::timestamptz, (SELECT installed_at FROM parley_apps a WHERE a.bot_id = $1 AND a.id = $2))`
const MESSAGE_COLUMNS = 'm.seq, m.id, m.conversation_id, m.user_id, m.direction, m.type, m.payload, m.created_at'

const PENDING = `SELECT ${MESSAGE_COLUMNS} FROM parley_messages m
  LEFT JOIN parley_app_cursors c ON c.bot_id = m.bot_id AND c.app_id = $2 AND c.conversation_id = m.conversation_id
  WHERE m.bot_id = $1 AND ${SINCE} AND m.seq > COALESCE(c.cursor_seq, 0) AND ${NOT_A_REPLY}
  ORDER BY m.seq LIMIT $3`

// A conversation's last user message ($5: silent since), found among the recent ones by the conversation index.
const ENDED = `SELECT m.conversation_id, m.user_id, m.seq AS last_seq FROM parley_messages m
  LEFT JOIN parley_app_cursors c ON c.bot_id = m.bot_id AND c.app_id = $2 AND c.conversation_id = m.conversation_id
  WHERE m.bot_id = $1 AND m.direction = 'incoming' AND ${SINCE} AND m.created_at <= $5 AND m.seq > COALESCE(c.memory_seq, 0)
    AND NOT EXISTS (SELECT 1 FROM parley_messages later WHERE later.bot_id = m.bot_id AND later.conversation_id = m.conversation_id
      AND later.direction = 'incoming' AND later.seq > m.seq)
  ORDER BY m.seq LIMIT $3`

const TRANSCRIPT = `SELECT * FROM (SELECT ${MESSAGE_COLUMNS} FROM parley_messages m
  WHERE m.bot_id = $1 AND m.conversation_id = $2 AND ${NOT_A_REPLY} ORDER BY m.seq DESC LIMIT $3) newest ORDER BY seq`

const advance = (column: 'cursor_seq' | 'memory_seq') => `INSERT INTO parley_app_cursors (bot_id, app_id, conversation_id, ${column}) VALUES ($1, $2, $3, $4)
  ON CONFLICT (bot_id, app_id, conversation_id) DO UPDATE SET ${column} = GREATEST(parley_app_cursors.${column}, excluded.${column})`

const RECORD = `INSERT INTO parley_app_deliveries (bot_id, app_id, trigger, conversation_id, user_id, attempt, status, http_status, latency_ms, error, reply_message_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`

const LIST_DELIVERIES = `SELECT id, app_id, trigger, conversation_id, user_id, attempt, status, http_status, latency_ms, error, reply_message_id, created_at
  FROM parley_app_deliveries WHERE bot_id = $1 AND ($2::text IS NULL OR app_id = $2) AND ($3::text IS NULL OR conversation_id = $3)
  ORDER BY id DESC LIMIT $4 OFFSET $5`

function deliveryValues(d: NewAppDelivery): unknown[] {
  return [d.appId, d.trigger, d.conversationId, d.userId, d.attempt, d.status, d.httpStatus ?? null, d.latencyMs ?? null, d.error ?? null, d.replyMessageId ?? null]
}

const iso = (value: Date | string) => new Date(value).toISOString()

function toApp(row: AppRow): StoredApp {
  return {
    id: row.id, name: row.manifest.name, trigger: row.trigger, webhookUrl: row.webhook_url, manifest: row.manifest,
    intervalSeconds: row.interval_seconds, memoryAfterSeconds: row.memory_after_seconds, secretCount: row.secrets.length,
    installedAt: iso(row.installed_at), secrets: row.secrets,
  }
}

interface MessageRow {
  seq: number | string
  id: string
  conversation_id: string
  user_id: string
  direction: 'incoming' | 'outgoing'
  type: string
  payload: Record<string, unknown>
  created_at: Date | string
}

function toPending(row: MessageRow): PendingMessage {
  return {
    seq: Number(row.seq), id: row.id, conversationId: row.conversation_id, userId: row.user_id, direction: row.direction,
    type: row.type, payload: row.payload, createdAt: iso(row.created_at),
  }
}

interface EndedRow {
  conversation_id: string
  user_id: string
  last_seq: number | string
}

function toEnded(row: EndedRow): EndedConversation {
  return { conversationId: row.conversation_id, userId: row.user_id, lastIncomingSeq: Number(row.last_seq) }
}

interface DeliveryRow {
  id: number | string
  app_id: string
  trigger: AppTrigger
  conversation_id: string
  user_id: string
  attempt: number
  status: AppDelivery['status']
  http_status: number | null
  latency_ms: number | null
  error: string | null
  reply_message_id: string | null
  created_at: Date | string
}

function toDelivery(row: DeliveryRow): AppDelivery {
  return {
    id: String(row.id), appId: row.app_id, trigger: row.trigger, conversationId: row.conversation_id, userId: row.user_id,
    attempt: row.attempt, status: row.status, createdAt: iso(row.created_at),
    ...(row.http_status === null ? {} : { httpStatus: row.http_status }),
    ...(row.latency_ms === null ? {} : { latencyMs: row.latency_ms }),
    ...(row.error === null ? {} : { error: row.error }),
    ...(row.reply_message_id === null ? {} : { replyMessageId: row.reply_message_id }),
  }
}
