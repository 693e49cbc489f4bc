import type { Queryable } from '../database/database.js'

/**
 * Read-only views across a bot's records for people looking at it (the studio): states by type and id,
 * conversations by user, tags and date. Every query is bounded by `limit`.
 */
export interface StateListQuery {
  readonly type?: string
  readonly id?: string
  readonly name?: string
  readonly limit: number
  readonly offset: number
}

export interface ListedState {
  readonly type: string
  readonly id: string
  readonly name: string
  readonly version: number
  readonly payload: unknown
  readonly expiresAt?: string
  readonly createdAt: string
  readonly updatedAt: string
}

export interface ConversationSearch {
  readonly userId?: string
  readonly tags?: Readonly<Record<string, string>>
  readonly from?: string
  readonly to?: string
  readonly limit: number
  readonly offset: number
}

export interface FoundConversation {
  readonly id: string
  readonly channel: string
  readonly integration: string
  readonly tags: Record<string, string>
  readonly createdAt: string
  readonly updatedAt: string
  readonly lastMessageAt?: string
}

const iso = (value: Date | string): string => new Date(value).toISOString()

export async function listStates(db: Queryable, botId: string, query: StateListQuery): Promise<ListedState[]> {
  const { rows } = await db.query<{ type: string; id: string; name: string; version: number; payload: unknown; expires_at: Date | string | null; created_at: Date | string; updated_at: Date | string }>(
    `SELECT type, id, name, version, payload, expires_at, created_at, updated_at FROM parley_states
     WHERE bot_id = $1 AND ($2::text IS NULL OR type = $2) AND ($3::text IS NULL OR id = $3) AND ($4::text IS NULL OR name = $4)
       AND (expires_at IS NULL OR expires_at > now())
     ORDER BY type, id, name LIMIT $5 OFFSET $6`,
    [botId, query.type ?? null, query.id ?? null, query.name ?? null, query.limit, query.offset],
  )
  return rows.map((row) => ({
    type: row.type, id: row.id, name: row.name, version: row.version, payload: row.payload,
    ...(row.expires_at ? { expiresAt: iso(row.expires_at) } : {}), createdAt: iso(row.created_at), updatedAt: iso(row.updated_at),
  }))
}

/** Newest first. A user matches the conversations where they sent or were sent a message. */
export async function searchConversations(db: Queryable, botId: string, query: ConversationSearch): Promise<FoundConversation[]> {
  const { rows } = await db.query<{ id: string; channel: string; integration: string; tags: Record<string, string>; created_at: Date | string; updated_at: Date | string; last_message_at: Date | string | null }>(
    `SELECT c.id, c.channel, c.integration, c.tags, c.created_at, c.updated_at,
       (SELECT max(m.created_at) FROM parley_messages m WHERE m.bot_id = c.bot_id AND m.conversation_id = c.id) AS last_message_at
     FROM parley_conversations c
     WHERE c.bot_id = $1 AND c.tags @> $2::text::jsonb
       AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM parley_messages m WHERE m.bot_id = c.bot_id AND m.conversation_id = c.id AND m.user_id = $3))
       AND ($4::timestamptz IS NULL OR c.created_at >= $4) AND ($5::timestamptz IS NULL OR c.created_at < $5)
     ORDER BY c.seq DESC LIMIT $6 OFFSET $7`,
    [botId, JSON.stringify(query.tags ?? {}), query.userId ?? null, query.from ?? null, query.to ?? null, query.limit, query.offset],
  )
  return rows.map((row) => ({
    id: row.id, channel: row.channel, integration: row.integration, tags: row.tags, createdAt: iso(row.created_at), updatedAt: iso(row.updated_at),
    ...(row.last_message_at ? { lastMessageAt: iso(row.last_message_at) } : {}),
  }))
}
