import type { Queryable } from '../database/database.js'
import { notFound } from '../errors/storage-error.js'
import { listRecords, mapPage } from '../sql/list.js'
import type { Page, PageOptions } from '../sql/paging.js'
import { sqlParams } from '../sql/params.js'
import { newId, toIso } from '../sql/records.js'
import { mergedTags, type Tags } from '../tags/tags.js'

/** A conversation on one channel of one integration, such as channel `channel` of integration `webchat`. */
export interface Conversation {
  readonly id: string
  readonly channel: string
  readonly integration: string
  readonly tags: Tags
  readonly createdAt: string
  readonly updatedAt: string
}

export interface CreateConversationInput {
  readonly channel: string
  readonly integration: string
  readonly tags?: Tags
}

/** Given tags are added to the conversation's tags or replace those of the same name; the others stay. */
export interface UpdateConversationInput {
  readonly tags: Tags
}

export interface ListConversationsOptions extends PageOptions {
  readonly channel?: string
  readonly integration?: string
  /** Only conversations having all of these tags. */
  readonly tags?: Tags
}

export interface ConversationStore {
  create(input: CreateConversationInput): Promise<Conversation>
  /** The conversation with this id, created with `input` if there is none, in one statement. */
  getOrCreate(id: string, input: CreateConversationInput): Promise<Conversation>
  get(id: string): Promise<Conversation | undefined>
  list(options?: ListConversationsOptions): Promise<Page<Conversation>>
  /** @throws StorageError `NOT_FOUND` when the bot has no such conversation. */
  update(id: string, input: UpdateConversationInput): Promise<Conversation>
}

/** The conversations of one bot. */
export function createConversationStore(db: Queryable, botId: string): ConversationStore {
  return {
    create: (input) => insertConversation(db, botId, newId('conv'), input).then((conversation) => conversation!),
    getOrCreate: async (id, input) => (await insertConversation(db, botId, id, input, 'ON CONFLICT (bot_id, id) DO NOTHING')) ?? (await getConversation(db, botId, id))!,
    get: (id) => getConversation(db, botId, id),
    list: (options = {}) => listConversations(db, botId, options),
    update: (id, input) => updateConversation(db, botId, id, input),
  }
}

export interface ConversationRow {
  id: string
  channel: string
  integration: string
  tags: Tags
  created_at: Date | string
  updated_at: Date | string
}

const COLUMNS = 'id, channel, integration, tags, created_at, updated_at'

export function toConversation({ created_at, updated_at, ...rest }: ConversationRow): Conversation {
  return { ...rest, createdAt: toIso(created_at), updatedAt: toIso(updated_at) }
}

/** Inserts a conversation; with `onConflict`, returns undefined when one with this id already exists. */
async function insertConversation(db: Queryable, botId: string, id: string, input: CreateConversationInput, onConflict = ''): Promise<Conversation | undefined> {
  const p = sqlParams()
  const values = [p.add(botId), p.add(id), p.add(input.channel), p.add(input.integration), p.json(input.tags ?? {})]
  const sql = `INSERT INTO parley_conversations (bot_id, id, channel, integration, tags) VALUES (${values.join(', ')}) ${onConflict} RETURNING ${COLUMNS}`
  const { rows } = await db.query<ConversationRow>(sql, p.values)
  return rows[0] && toConversation(rows[0])
}

async function getConversation(db: Queryable, botId: string, id: string): Promise<Conversation | undefined> {
  const { rows } = await db.query<ConversationRow>(`SELECT ${COLUMNS} FROM parley_conversations WHERE bot_id = $1 AND id = $2`, [botId, id])
  return rows[0] && toConversation(rows[0])
}

async function listConversations(db: Queryable, botId: string, options: ListConversationsOptions): Promise<Page<Conversation>> {
  const { channel, integration, tags, ...page } = options
  const equal = { bot_id: botId, channel, integration }
  return mapPage(await listRecords<ConversationRow>(db, { table: 'parley_conversations', columns: COLUMNS, equal, tags, page }), toConversation)
}

async function updateConversation(db: Queryable, botId: string, id: string, input: UpdateConversationInput): Promise<Conversation> {
  const p = sqlParams()
  const sql = `UPDATE parley_conversations SET tags = ${mergedTags(p, input.tags)}, updated_at = now()
    WHERE bot_id = ${p.add(botId)} AND id = ${p.add(id)} RETURNING ${COLUMNS}`
  const { rows } = await db.query<ConversationRow>(sql, p.values)
  if (!rows[0]) throw notFound('conversation', id, botId)
  return toConversation(rows[0])
}
