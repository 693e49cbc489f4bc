import type { StateType } from '@parley/sdk'
import { LIMITS } from '../../guards/index.js'
import type { Queryable } from '../database/database.js'
import { StorageError } from '../errors/storage-error.js'
import { sqlParams, type SqlParams } from '../sql/params.js'
import { defined, toIso } from '../sql/records.js'
import { DEFAULT_STATE_SIZE_LIMIT, stateJson } from './state-size.js'

/** Which state: its owner's kind and id (the bot's id for `bot` states) and the state's name. */
export interface StateKey {
  readonly type: StateType
  readonly id: string
  readonly name: string
}

export type StatePayload = Record<string, unknown>

export interface StateRecord extends StateKey {
  readonly payload: StatePayload
  /** When the state expires unless written again; absent for states that never expire. */
  readonly expiresAt?: string
  readonly createdAt: string
  readonly updatedAt: string
}

export interface StateWriteOptions {
  /** Milliseconds from this write until the state expires; it never expires when absent. */
  readonly expiry?: number
}

export interface StateStoreOptions {
  /** Largest payload accepted, in bytes of JSON; 128 KiB by default. */
  readonly sizeLimit?: number
}

/**
 * The states of one bot. An expired state reads as absent even before the sweep deletes it. Every write
 * (`set`, `patch`, and `getOrSet` when it writes) sets the expiry anew from its options.
 */
export interface StateStore {
  get(key: StateKey): Promise<StateRecord | undefined>
  /** @throws StateTooLargeError, leaving the state as it was. */
  set(key: StateKey, payload: StatePayload, options?: StateWriteOptions): Promise<StateRecord>
  /** The state, or `payload` written as the state when there is none. */
  getOrSet(key: StateKey, payload: StatePayload, options?: StateWriteOptions): Promise<StateRecord>
  /** Replaces the given top-level fields and keeps the others. @throws StorageError `NOT_FOUND`, StateTooLargeError */
  patch(key: StateKey, fields: StatePayload, options?: StateWriteOptions): Promise<StateRecord>
  /** Whether there was a state to delete. */
  delete(key: StateKey): Promise<boolean>
  /** States expired at `now` (the database's clock by default), soonest expired first. */
  listExpired(now?: Date, limit?: number): Promise<StateRecord[]>
  /**
   * Deletes and returns states expired at `now`. Processes sweeping at once each take different states,
   * so each expiry is handled once; do it in the transaction that records the follow-up work.
   */
  takeExpired(now?: Date, limit?: number): Promise<StateRecord[]>
}

export function createStateStore(db: Queryable, botId: string, options: StateStoreOptions = {}): StateStore {
  const limit = options.sizeLimit ?? DEFAULT_STATE_SIZE_LIMIT
  return {
    get: (key) => getState(db, botId, key),
    set: async (key, payload, write = {}) => setState(db, botId, key, stateJson(key, payload, limit), write),
    getOrSet: async (key, payload, write = {}) => getOrSetState(db, botId, key, stateJson(key, payload, limit), write),
    patch: (key, fields, write = {}) => patchState(db, botId, key, fields, { ...write, limit }),
    delete: (key) => deleteState(db, botId, key),
    listExpired: (now, max = 100) => expiredStates(db, botId, 'SELECT', now, max),
    takeExpired: (now, max = 100) => expiredStates(db, botId, 'DELETE', now, max),
  }
}

interface StateRow {
  type: StateType
  id: string
  name: string
  payload: StatePayload
  expires_at: Date | null
  created_at: Date
  updated_at: Date
}

const COLUMNS = 'type, id, name, payload, expires_at, created_at, updated_at'
const LIVE = '(expires_at IS NULL OR expires_at > now())'

function toState({ type, id, name, payload, ...row }: StateRow): StateRecord {
  const expiresAt = row.expires_at ? toIso(row.expires_at) : undefined
  return { type, id, name, payload, ...defined({ expiresAt }), createdAt: toIso(row.created_at), updatedAt: toIso(row.updated_at) }
}

/** `bot_id = $1 AND type = $2 …` for one state. */
function keyCondition(p: SqlParams, botId: string, key: StateKey): string {
  return `bot_id = ${p.add(botId)} AND type = ${p.add(key.type)} AND id = ${p.add(key.id)} AND name = ${p.add(key.name)}`
}

/** SQL for when a write made now expires: `NULL` (never) without an expiry. */
function expiresAt(p: SqlParams, key: StateKey, { expiry }: StateWriteOptions): string {
  if (expiry === undefined) return 'NULL::timestamptz'
  if (!Number.isFinite(expiry) || expiry <= 0 || expiry > LIMITS.durationMs) {
    throw new StorageError('STATE_EXPIRY_INVALID', `state "${key.name}": expiry ${expiry} is not allowed; give a positive number of milliseconds up to ${LIMITS.durationMs} (100 years), or none for a state that never expires`)
  }
  return `now() + ${p.add(expiry, 'double precision')} * interval '1 millisecond'`
}

async function getState(db: Queryable, botId: string, key: StateKey): Promise<StateRecord | undefined> {
  const p = sqlParams()
  const { rows } = await db.query<StateRow>(`SELECT ${COLUMNS} FROM parley_states WHERE ${keyCondition(p, botId, key)} AND ${LIVE}`, p.values)
  return rows[0] && toState(rows[0])
}

function insertState(p: SqlParams, botId: string, key: StateKey, json: string, options: StateWriteOptions): string {
  const values = [p.add(botId), p.add(key.type), p.add(key.id), p.add(key.name), p.add(json, 'text::jsonb'), expiresAt(p, key, options)]
  return `INSERT INTO parley_states (bot_id, type, id, name, payload, expires_at) VALUES (${values.join(', ')})
    ON CONFLICT (bot_id, type, id, name) DO UPDATE SET payload = excluded.payload, expires_at = excluded.expires_at, updated_at = now(),
      created_at = CASE WHEN parley_states.expires_at <= now() THEN now() ELSE parley_states.created_at END`
}

async function setState(db: Queryable, botId: string, key: StateKey, json: string, options: StateWriteOptions): Promise<StateRecord> {
  const p = sqlParams()
  const { rows } = await db.query<StateRow>(`${insertState(p, botId, key, json, options)} RETURNING ${COLUMNS}`, p.values)
  return toState(rows[0]!)
}

/**
 * One statement: write unless a live state exists, and return whichever is there. When another process
 * creates the state after this statement's snapshot was taken, it sees neither row, so it runs again: the
 * next snapshot includes the other process's state.
 */
async function getOrSetState(db: Queryable, botId: string, key: StateKey, json: string, options: StateWriteOptions): Promise<StateRecord> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const p = sqlParams()
    const sql = `WITH written AS (${insertState(p, botId, key, json, options)} WHERE parley_states.expires_at <= now() RETURNING ${COLUMNS})
      SELECT ${COLUMNS} FROM written
      UNION ALL SELECT ${COLUMNS} FROM parley_states WHERE ${keyCondition(p, botId, key)} AND NOT EXISTS (SELECT 1 FROM written)`
    const { rows } = await db.query<StateRow>(sql, p.values)
    if (rows[0]) return toState(rows[0])
  }
  throw new Error(`state "${key.name}" of ${key.type} "${key.id}" changed during each of 3 attempts to read it; try again`)
}

async function patchState(db: Queryable, botId: string, key: StateKey, fields: StatePayload, options: StateWriteOptions & { limit: number }): Promise<StateRecord> {
  return db.transaction(async (tx) => {
    const p = sqlParams()
    const { rows } = await tx.query<StateRow>(`SELECT payload FROM parley_states WHERE ${keyCondition(p, botId, key)} AND ${LIVE} FOR UPDATE`, p.values)
    if (!rows[0]) throw stateNotFound(botId, key)
    return setState(tx, botId, key, stateJson(key, { ...rows[0].payload, ...fields }, options.limit), options)
  })
}

function stateNotFound(botId: string, key: StateKey): StorageError {
  return new StorageError('NOT_FOUND', `state "${key.name}" of ${key.type} "${key.id}" does not exist in bot "${botId}"; set it before patching it`)
}

async function deleteState(db: Queryable, botId: string, key: StateKey): Promise<boolean> {
  const p = sqlParams()
  const { rows } = await db.query(`DELETE FROM parley_states WHERE ${keyCondition(p, botId, key)} RETURNING 1`, p.values)
  return rows.length > 0
}

async function expiredStates(db: Queryable, botId: string, verb: 'SELECT' | 'DELETE', now: Date | undefined, limit: number): Promise<StateRecord[]> {
  const p = sqlParams()
  const at = now ? p.add(now.toISOString(), 'timestamptz') : 'now()'
  const due = `SELECT bot_id, type, id, name FROM parley_states WHERE bot_id = ${p.add(botId)} AND expires_at <= ${at}
    ORDER BY expires_at LIMIT ${p.add(limit, 'integer')}`
  const sql = verb === 'SELECT'
    ? `SELECT ${COLUMNS} FROM parley_states WHERE (bot_id, type, id, name) IN (${due}) ORDER BY expires_at`
    : `DELETE FROM parley_states WHERE (bot_id, type, id, name) IN (${due} FOR UPDATE SKIP LOCKED) RETURNING ${COLUMNS}`
  const { rows } = await db.query<StateRow>(sql, p.values)
  return rows.map(toState)
}
