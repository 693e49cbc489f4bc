import type { Queryable } from '../database/database.js'
import { listRecords, mapPage } from '../sql/list.js'
import type { Page, PageOptions } from '../sql/paging.js'
import { toUser, type User, type UserRow } from '../users/users.js'

/**
 * The users taking part in each conversation of one bot: those added, and (by the database's trigger)
 * those who sent it a message. Unknown users or conversations are reported as `false`/`undefined`, for
 * the caller to say which.
 */
export interface ParticipantStore {
  /** Adds the user (once, however many callers); false when the conversation or the user does not exist. */
  add(conversationId: string, userId: string): Promise<boolean>
  get(conversationId: string, userId: string): Promise<User | undefined>
  /** Whether the user was a participant. */
  remove(conversationId: string, userId: string): Promise<boolean>
  /** Participants in the order they joined. */
  list(conversationId: string, page?: PageOptions): Promise<Page<User>>
}

const USER_COLUMNS = 'id, name, picture_url, tags, created_at, updated_at'
// Each participant as its user's columns, ordered by when it joined (`seq`, which paging orders by).
const JOINED = `(SELECT p.bot_id, p.conversation_id, p.seq, u.id, u.name, u.picture_url, u.tags, u.created_at, u.updated_at
  FROM parley_participants p JOIN parley_users u ON u.bot_id = p.bot_id AND u.id = p.user_id) AS participant`

export function createParticipantStore(db: Queryable, botId: string): ParticipantStore {
  return {
    add: (conversationId, userId) => addParticipant(db, botId, conversationId, userId),
    get: (conversationId, userId) => getParticipant(db, botId, conversationId, userId),
    remove: async (conversationId, userId) => (await db.query('DELETE FROM parley_participants WHERE bot_id = $1 AND conversation_id = $2 AND user_id = $3 RETURNING 1', [botId, conversationId, userId])).rows.length > 0,
    list: (conversationId, page = {}) => listParticipants(db, botId, conversationId, page),
  }
}

/** One statement that inserts only when both records exist, so a missing one is no foreign-key error. */
async function addParticipant(db: Queryable, botId: string, conversationId: string, userId: string): Promise<boolean> {
  const { rows } = await db.query<{ ok: boolean }>(
    `WITH target AS (
       SELECT c.bot_id, c.id AS conversation_id, u.id AS user_id FROM parley_conversations c
       JOIN parley_users u ON u.bot_id = c.bot_id AND u.id = $3 WHERE c.bot_id = $1 AND c.id = $2
     ), added AS (INSERT INTO parley_participants (bot_id, conversation_id, user_id) SELECT * FROM target ON CONFLICT DO NOTHING)
     SELECT EXISTS (SELECT 1 FROM target) AS ok`,
    [botId, conversationId, userId],
  )
  return rows[0]!.ok
}

async function getParticipant(db: Queryable, botId: string, conversationId: string, userId: string): Promise<User | undefined> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM ${JOINED} WHERE bot_id = $1 AND conversation_id = $2 AND id = $3`, [botId, conversationId, userId])
  return rows[0] && toUser(rows[0])
}

async function listParticipants(db: Queryable, botId: string, conversationId: string, page: PageOptions): Promise<Page<User>> {
  const found = await listRecords<UserRow>(db, { table: JOINED, columns: USER_COLUMNS, equal: { bot_id: botId, conversation_id: conversationId }, page })
  return mapPage(found, toUser)
}
