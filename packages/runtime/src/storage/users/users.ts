import type { Queryable } from '../database/database.js'
import { notFound } from '../errors/storage-error.js'
import { listRecords, mapPage } from '../sql/list.js'
import type { Page, PageOptions } from '../sql/paging.js'
import { sqlParams } from '../sql/params.js'
import { defined, newId, toIso } from '../sql/records.js'
import { mergedTags, type Tags } from '../tags/tags.js'

export interface User {
  readonly id: string
  readonly name?: string
  readonly pictureUrl?: string
  readonly tags: Tags
  readonly createdAt: string
  readonly updatedAt: string
}

export interface CreateUserInput {
  readonly name?: string
  readonly pictureUrl?: string
  readonly tags?: Tags
}

/** Fields left out stay as they are; given tags are added to the user's tags or replace those of the same name. */
export type UpdateUserInput = CreateUserInput

export interface ListUsersOptions extends PageOptions {
  /** Only users having all of these tags. */
  readonly tags?: Tags
}

export interface UserStore {
  create(input?: CreateUserInput): Promise<User>
  /** The user with this id, created with `input` if there is none: one statement, so two callers get one user. */
  getOrCreate(id: string, input?: CreateUserInput): Promise<User>
  get(id: string): Promise<User | undefined>
  list(options?: ListUsersOptions): Promise<Page<User>>
  /** @throws StorageError `NOT_FOUND` when the bot has no such user. */
  update(id: string, input: UpdateUserInput): Promise<User>
}

/** The users of one bot. */
export function createUserStore(db: Queryable, botId: string): UserStore {
  return {
    create: (input = {}) => insertUser(db, botId, newId('user'), input).then((user) => user!),
    getOrCreate: async (id, input = {}) => (await insertUser(db, botId, id, input, 'ON CONFLICT (bot_id, id) DO NOTHING')) ?? (await getUser(db, botId, id))!,
    get: (id) => getUser(db, botId, id),
    list: (options = {}) => listUsers(db, botId, options),
    update: (id, input) => updateUser(db, botId, id, input),
  }
}

export interface UserRow {
  id: string
  name: string | null
  picture_url: string | null
  tags: Tags
  created_at: Date | string
  updated_at: Date | string
}

const COLUMNS = 'id, name, picture_url, tags, created_at, updated_at'

export function toUser(row: UserRow): User {
  const { id, tags, created_at, updated_at } = row
  return { id, ...defined({ name: row.name, pictureUrl: row.picture_url }), tags, createdAt: toIso(created_at), updatedAt: toIso(updated_at) }
}

/** Inserts a user; with `onConflict`, returns undefined when one with this id already exists. */
async function insertUser(db: Queryable, botId: string, id: string, input: CreateUserInput, onConflict = ''): Promise<User | undefined> {
  const p = sqlParams()
  const values = [p.add(botId), p.add(id), p.add(input.name ?? null), p.add(input.pictureUrl ?? null), p.json(input.tags ?? {})]
  const sql = `INSERT INTO parley_users (bot_id, id, name, picture_url, tags) VALUES (${values.join(', ')}) ${onConflict} RETURNING ${COLUMNS}`
  const { rows } = await db.query<UserRow>(sql, p.values)
  return rows[0] && toUser(rows[0])
}

async function getUser(db: Queryable, botId: string, id: string): Promise<User | undefined> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM parley_users WHERE bot_id = $1 AND id = $2`, [botId, id])
  return rows[0] && toUser(rows[0])
}

async function listUsers(db: Queryable, botId: string, { tags, ...page }: ListUsersOptions): Promise<Page<User>> {
  const found = await listRecords<UserRow>(db, { table: 'parley_users', columns: COLUMNS, equal: { bot_id: botId }, tags, page })
  return mapPage(found, toUser)
}

async function updateUser(db: Queryable, botId: string, id: string, input: UpdateUserInput): Promise<User> {
  const p = sqlParams()
  const sql = `UPDATE parley_users SET name = COALESCE(${p.add(input.name ?? null, 'text')}, name),
    picture_url = COALESCE(${p.add(input.pictureUrl ?? null, 'text')}, picture_url), tags = ${mergedTags(p, input.tags)},
    updated_at = now() WHERE bot_id = ${p.add(botId)} AND id = ${p.add(id)} RETURNING ${COLUMNS}`
  const { rows } = await db.query<UserRow>(sql, p.values)
  if (!rows[0]) throw notFound('user', id, botId)
  return toUser(rows[0])
}
