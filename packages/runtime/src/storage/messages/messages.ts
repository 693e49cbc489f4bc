import type { Queryable } from '../database/database.js'
import { notFound } from '../errors/storage-error.js'
import { countRecords, listRecords, mapPage, type ListQuery } from '../sql/list.js'
import type { Page, PageOptions } from '../sql/paging.js'
import { sqlParams } from '../sql/params.js'
import { newId, toIso } from '../sql/records.js'
import { mergedTags, type Tags } from '../tags/tags.js'

export type MessageDirection = 'incoming' | 'outgoing'

/** A message in a conversation: `type` is one of the channel's message types, `payload` its content. */
export interface Message {
  readonly id: string
  readonly conversationId: string
  readonly userId: string
  readonly direction: MessageDirection
  readonly type: string
  readonly payload: Record<string, unknown>
  readonly tags: Tags
  readonly createdAt: string
  readonly updatedAt: string
}

export interface CreateMessageInput {
  readonly conversationId: string
  readonly userId: string
  readonly direction: MessageDirection
  readonly type: string
  readonly payload: Record<string, unknown>
  readonly tags?: Tags
}

/** Given tags are added to the message's tags or replace those of the same name; the others stay. A given payload replaces it. */
export interface UpdateMessageInput {
  readonly tags: Tags
  readonly payload?: Record<string, unknown>
}

export interface ListMessagesOptions extends PageOptions {
  readonly conversationId?: string
  readonly userId?: string
  /** Only messages having all of these tags. */
  readonly tags?: Tags
}

export interface MessageStore {
  /** @throws StorageError `NOT_FOUND` when the conversation or the user does not exist. */
  create(input: CreateMessageInput): Promise<Message>
  get(id: string): Promise<Message | undefined>
  /** Messages in the order they were created (`order: 'desc'` for the newest first). */
  list(options?: ListMessagesOptions): Promise<Page<Message>>
  /** How many messages `list` would go through, all pages together. */
  count(options?: ListMessagesOptions): Promise<number>
  /** @throws StorageError `NOT_FOUND` when the bot has no such message. */
  update(id: string, input: UpdateMessageInput): Promise<Message>
}

/** The messages of one bot's conversations. */
export function createMessageStore(db: Queryable, botId: string): MessageStore {
  return {
    create: (input) => createMessage(db, botId, input),
    get: (id) => getMessage(db, botId, id),
    list: (options = {}) => listMessages(db, botId, options),
    count: (options = {}) => countRecords(db, messageQuery(botId, options)),
    update: (id, input) => updateMessage(db, botId, id, input),
  }
}

interface MessageRow {
  id: string
  conversation_id: string
  user_id: string
  direction: MessageDirection
  type: string
  payload: Record<string, unknown>
  tags: Tags
  created_at: Date
  updated_at: Date
}

const COLUMNS = 'id, conversation_id, user_id, direction, type, payload, tags, created_at, updated_at'

function toMessage(row: MessageRow): Message {
  const { id, direction, type, payload, tags } = row
  return { id, conversationId: row.conversation_id, userId: row.user_id, direction, type, payload, tags, createdAt: toIso(row.created_at), updatedAt: toIso(row.updated_at) }
}

async function createMessage(db: Queryable, botId: string, input: CreateMessageInput): Promise<Message> {
  const p = sqlParams()
  const values = [p.add(botId), p.add(newId('msg')), p.add(input.conversationId), p.add(input.userId), p.add(input.direction), p.add(input.type), p.json(input.payload), p.json(input.tags ?? {})]
  // The sender of an incoming message becomes a participant in the same statement (as a turn's commit does).
  const sql = `WITH stored AS (INSERT INTO parley_messages (bot_id, id, conversation_id, user_id, direction, type, payload, tags)
      VALUES (${values.join(', ')}) RETURNING ${COLUMNS}),
    sender AS (INSERT INTO parley_participants (bot_id, conversation_id, user_id)
      SELECT ${values[0]}, conversation_id, user_id FROM stored WHERE direction = 'incoming' ON CONFLICT DO NOTHING)
    SELECT ${COLUMNS} FROM stored`
  try {
    return toMessage((await db.query<MessageRow>(sql, p.values)).rows[0]!)
  } catch (error) {
    throw missingReference(error, botId, input) ?? error
  }
}

/** A foreign key violation means the conversation or user is missing: say which. */
function missingReference(error: unknown, botId: string, input: CreateMessageInput): Error | undefined {
  const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string }
  if (code !== '23503') return undefined
  return constraint === 'parley_messages_user_fk' ? notFound('user', input.userId, botId) : notFound('conversation', input.conversationId, botId)
}

async function getMessage(db: Queryable, botId: string, id: string): Promise<Message | undefined> {
  const { rows } = await db.query<MessageRow>(`SELECT ${COLUMNS} FROM parley_messages WHERE bot_id = $1 AND id = $2`, [botId, id])
  return rows[0] && toMessage(rows[0])
}

function messageQuery(botId: string, { conversationId, userId, tags }: ListMessagesOptions): Omit<ListQuery, 'columns' | 'page'> {
  return { table: 'parley_messages', equal: { bot_id: botId, conversation_id: conversationId, user_id: userId }, tags }
}

async function listMessages(db: Queryable, botId: string, options: ListMessagesOptions): Promise<Page<Message>> {
  const { limit, offset, order } = options
  return mapPage(await listRecords<MessageRow>(db, { ...messageQuery(botId, options), columns: COLUMNS, page: { limit, offset, order } }), toMessage)
}

async function updateMessage(db: Queryable, botId: string, id: string, input: UpdateMessageInput): Promise<Message> {
  const p = sqlParams()
  const payload = input.payload === undefined ? '' : `payload = ${p.json(input.payload)}, `
  const sql = `UPDATE parley_messages SET ${payload}tags = ${mergedTags(p, input.tags)}, updated_at = now()
    WHERE bot_id = ${p.add(botId)} AND id = ${p.add(id)} RETURNING ${COLUMNS}`
  const { rows } = await db.query<MessageRow>(sql, p.values)
  if (!rows[0]) throw notFound('message', id, botId)
  return toMessage(rows[0])
}
