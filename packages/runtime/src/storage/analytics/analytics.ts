import type { Queryable } from '../database/database.js'
import { toIso } from '../sql/records.js'

/** A named usage counter of one bot (Botpress's `trackAnalytics`). */
export interface AnalyticsCounter {
  readonly name: string
  readonly count: number
  readonly createdAt: string
  readonly updatedAt: string
}

export interface AnalyticsStore {
  /** Adds `count` to the counter `name` (created at 0), in place: concurrent calls all count. */
  track(name: string, count: number): Promise<AnalyticsCounter>
  /** Counters by name; only those whose name starts with `prefix` when given. */
  list(options?: { readonly prefix?: string; readonly names?: readonly string[] }): Promise<AnalyticsCounter[]>
}

export function createAnalyticsStore(db: Queryable, botId: string): AnalyticsStore {
  return {
    track: async (name, count) => toCounter((await db.query<CounterRow>(
      `INSERT INTO parley_analytics AS a (bot_id, name, count) VALUES ($1, $2, $3::bigint)
       ON CONFLICT (bot_id, name) DO UPDATE SET count = a.count + EXCLUDED.count, updated_at = now()
       RETURNING ${COLUMNS}`,
      [botId, name, count],
    )).rows[0]!),
    list: async ({ prefix = '', names } = {}) => (await db.query<CounterRow>(
      `SELECT ${COLUMNS} FROM parley_analytics WHERE bot_id = $1 AND starts_with(name, $2) AND ($3::jsonb IS NULL OR $3::jsonb ? name) ORDER BY name`,
      [botId, prefix, names === undefined ? null : JSON.stringify(names)],
    )).rows.map(toCounter),
  }
}

interface CounterRow {
  name: string
  count: string
  created_at: Date | string
  updated_at: Date | string
}

// A bigint travels as text, so no driver rounds it; counts stay far below 2^53 in practice.
const COLUMNS = 'name, count::text AS count, created_at, updated_at'

function toCounter(row: CounterRow): AnalyticsCounter {
  return { name: row.name, count: Number(row.count), createdAt: toIso(row.created_at), updatedAt: toIso(row.updated_at) }
}
