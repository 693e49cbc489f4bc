import type { KeyValueFilter, KeyValueFindOptions, KeyValueStore } from '@parley/sdk'
import { LIMITS, textProblem } from '../../guards/index.js'
import type { Queryable } from '../database/database.js'
import { sqlParams } from '../sql/params.js'
import { KeyValueError, quoted } from './kv-error.js'
import { compileKvFilter, fieldSql, textOf } from './kv-filter.js'
import { decodeValue, encodeValue } from './kv-values.js'

/** Bounds of the key-value store, beside the runtime's general {@link LIMITS}. */
export const KV_LIMITS = {
  /** Characters of a key. */
  keyLength: 512,
  /** Bytes of one value's JSON, as for a state. */
  valueBytes: 128 * 1024,
  /** Values one `find` returns when no limit is given. */
  defaultFindLimit: 100,
  /** Fields one `find` sorts by. */
  sortFields: 16,
} as const

/** One plugin's keys in one bot: the store handlers get as `kv` (`context.api.db` in a createPlugin plugin). */
export type KvStore = KeyValueStore

/**
 * The key-value store of the plugin `plugin` (its alias; empty for the bot) in bot `botId`. Every
 * statement names both, so no key of another plugin or bot is reachable whatever the key says.
 */
export function createKvStore(db: Queryable, botId: string, plugin: string): KvStore {
  const owner = [botId, plugin]
  // Values are whatever was stored under the key; the caller names what it expects (`get<Settings>(key)`).
  const store = {
    get: async (key: string) => {
      const { rows } = await db.query<{ value: unknown }>('SELECT value FROM parley_plugin_kv WHERE bot_id = $1 AND plugin = $2 AND key = $3', [...owner, checkKey(key)])
      return rows[0] === undefined ? undefined : decodeValue(rows[0].value)
    },
    set: async (key: string, value: unknown) => {
      const json = valueJson(checkKey(key), value)
      await db.query(
        `INSERT INTO parley_plugin_kv (bot_id, plugin, key, value) VALUES ($1, $2, $3, $4::text::jsonb)
         ON CONFLICT (bot_id, plugin, key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [...owner, key, json],
      )
    },
    add: async (key: string, value: unknown) => {
      const json = valueJson(checkKey(key), value)
      const { rows } = await db.query(
        'INSERT INTO parley_plugin_kv (bot_id, plugin, key, value) VALUES ($1, $2, $3, $4::text::jsonb) ON CONFLICT (bot_id, plugin, key) DO NOTHING RETURNING key',
        [...owner, key, json],
      )
      return rows.length > 0
    },
    delete: async (key: string) => {
      const { rows } = await db.query('DELETE FROM parley_plugin_kv WHERE bot_id = $1 AND plugin = $2 AND key = $3 RETURNING key', [...owner, checkKey(key)])
      return rows.length > 0
    },
    keys: (prefix: string = '') => keysWith(db, owner, prefix),
    find: (filter?: KeyValueFilter, options?: KeyValueFindOptions) => findValues(db, owner, filter, options),
    count: async (filter?: KeyValueFilter) => {
      const params = sqlParams()
      const where = scoped(params, owner, filter)
      const { rows } = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM parley_plugin_kv WHERE ${where}`, params.values)
      return Number(rows[0]?.n ?? 0)
    },
  }
  return store as KvStore
}

async function keysWith(db: Queryable, owner: readonly string[], prefix: string): Promise<string[]> {
  if (typeof prefix !== 'string') throw new KeyValueError('KV_KEY_INVALID', 'keys(prefix): the prefix must be a string')
  checkText('prefix', prefix)
  const { rows } = await db.query<{ key: string }>(
    'SELECT key FROM parley_plugin_kv WHERE bot_id = $1 AND plugin = $2 AND left(key, length($3)) = $3 ORDER BY key COLLATE "C" LIMIT $4',
    [...owner, prefix, LIMITS.rows + 1],
  )
  // More keys than one answer holds is an error, not a silently shortened list.
  if (rows.length > LIMITS.rows) throw new KeyValueError('KV_QUERY_INVALID', `keys(${quoted(prefix)}): more than ${LIMITS.rows} keys start so; use a longer prefix`)
  return rows.map((row) => row.key)
}

async function findValues(db: Queryable, owner: readonly string[], filter: KeyValueFilter | undefined, options: KeyValueFindOptions = {}): Promise<unknown[]> {
  const params = sqlParams()
  const where = scoped(params, owner, filter)
  const order = [...sortSql(params, options.sort), 'key COLLATE "C"']
  const limit = params.add(bounded('limit', options.limit ?? KV_LIMITS.defaultFindLimit, LIMITS.pageSize))
  const offset = params.add(bounded('skip', options.skip ?? 0, LIMITS.offset))
  const { rows } = await db.query<{ value: unknown }>(`SELECT value FROM parley_plugin_kv WHERE ${where} ORDER BY ${order.join(', ')} LIMIT ${limit} OFFSET ${offset}`, params.values)
  return rows.map((row) => decodeValue(row.value))
}

function scoped(params: ReturnType<typeof sqlParams>, owner: readonly string[], filter: KeyValueFilter | undefined): string {
  const scope = `bot_id = ${params.add(owner[0])} AND plugin = ${params.add(owner[1])}`
  return `${scope} AND (${compileKvFilter(filter, params)})`
}

function sortSql(params: ReturnType<typeof sqlParams>, sort: KeyValueFindOptions['sort']): string[] {
  if (sort === undefined) return []
  if (typeof sort !== 'object' || sort === null) throw new KeyValueError('KV_QUERY_INVALID', 'sort must be an object such as { endedAt: -1 }')
  const entries = Object.entries(sort)
  if (entries.length > KV_LIMITS.sortFields) throw new KeyValueError('KV_QUERY_INVALID', `sort names more than ${KV_LIMITS.sortFields} fields`)
  return entries.map(([field, direction]) => {
    checkText('sort field', field)
    if (direction !== 1 && direction !== -1) throw new KeyValueError('KV_QUERY_INVALID', `sort.${field} must be 1 (ascending) or -1 (descending)`)
    const value = fieldSql(params, field)
    const order = direction === 1 ? 'ASC NULLS LAST' : 'DESC NULLS LAST'
    // Text first, by code point on every database; then the other JSON types in jsonb's order.
    return `CASE WHEN jsonb_typeof(${value}) = 'string' THEN ${textOf(value)} END ${order}, ${value} ${order}`
  })
}

function bounded(name: string, value: unknown, max: number): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max) return value
  throw new KeyValueError('KV_QUERY_INVALID', `${name} must be a whole number from 0 to ${max}`)
}

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) throw new KeyValueError('KV_KEY_INVALID', 'a key must be a non-empty string')
  if (key.length > KV_LIMITS.keyLength) throw new KeyValueError('KV_KEY_INVALID', `key ${quoted(key)} is longer than ${KV_LIMITS.keyLength} characters`)
  checkText('key', key)
  return key
}

function checkText(what: string, text: string): void {
  const problem = textProblem(text)
  if (problem) throw new KeyValueError('KV_KEY_INVALID', `the ${what} ${problem}`)
}

function valueJson(key: string, value: unknown): string {
  const json = JSON.stringify(encodeValue(key, value))
  const size = Buffer.byteLength(json, 'utf8')
  if (size > KV_LIMITS.valueBytes) throw new KeyValueError('KV_VALUE_TOO_LARGE', `value of ${quoted(key)} is ${size} bytes of JSON; at most ${KV_LIMITS.valueBytes} are stored per key`)
  return json
}
