import type { StateType } from '@parley/sdk'
import type { Queryable } from '../database/database.js'
import { sqlParams, type SqlParams } from '../sql/params.js'
import { defined, toIso } from '../sql/records.js'

/** Which state: its owner's kind and id (the bot's id for `bot` states) and the state's name. */
export interface StateKey {
  readonly type: StateType
  readonly id: string
  readonly name: string
}

export type StatePayload = Record<string, unknown>

export interface StateRecord extends StateKey {
  readonly payload: StatePayload
  /** 1 on the first write, one more on each write since; a state written anew after it expired starts at 1. */
  readonly version: number
  /** When the state expires unless written again; absent for states that never expire. */
  readonly expiresAt?: string
  readonly createdAt: string
  readonly updatedAt: string
}

/** A state row as SQL or `to_jsonb` hands it over: timestamps as `Date`s or as text. */
export interface StateRow {
  type: StateType
  id: string
  name: string
  payload: StatePayload
  version: number
  expires_at: Date | string | null
  created_at: Date | string
  updated_at: Date | string
}

export const STATE_COLUMNS = 'type, id, name, payload, version, expires_at, created_at, updated_at'
const LIVE = '(expires_at IS NULL OR expires_at > now())'

export function toStateRecord({ type, id, name, payload, version, ...row }: StateRow): StateRecord {
  const expiresAt = row.expires_at ? toIso(row.expires_at) : undefined
  return { type, id, name, payload, version: Number(version), ...defined({ expiresAt }), createdAt: toIso(row.created_at), updatedAt: toIso(row.updated_at) }
}

/** `bot_id = $1 AND type = $2 …` for one state. */
function keyCondition(p: SqlParams, botId: string, key: StateKey): string {
  return `bot_id = ${p.add(botId)} AND type = ${p.add(key.type)} AND id = ${p.add(key.id)} AND name = ${p.add(key.name)}`
}

/** The live state of `key`; an expired one reads as absent even before the sweep deletes it. */
export async function readState(db: Queryable, botId: string, key: StateKey): Promise<StateRecord | undefined> {
  const p = sqlParams()
  const { rows } = await db.query<StateRow>(`SELECT ${STATE_COLUMNS} FROM parley_states WHERE ${keyCondition(p, botId, key)} AND ${LIVE}`, p.values, { name: 'parley_state_get' })
  return rows[0] && toStateRecord(rows[0])
}

export async function expiredStates(db: Queryable, botId: string, verb: 'SELECT' | 'DELETE', now: Date | undefined, limit: number): Promise<StateRecord[]> {
  const p = sqlParams()
  const at = now ? p.add(now.toISOString(), 'timestamptz') : 'now()'
  const due = `SELECT bot_id, type, id, name FROM parley_states WHERE bot_id = ${p.add(botId)} AND expires_at <= ${at}
    ORDER BY expires_at LIMIT ${p.add(limit, 'integer')}`
  const sql = verb === 'SELECT'
    ? `SELECT ${STATE_COLUMNS} FROM parley_states WHERE (bot_id, type, id, name) IN (${due}) ORDER BY expires_at`
    : `DELETE FROM parley_states WHERE (bot_id, type, id, name) IN (${due} FOR UPDATE SKIP LOCKED) RETURNING ${STATE_COLUMNS}`
  const { rows } = await db.query<StateRow>(sql, p.values)
  return rows.map(toStateRecord)
}
