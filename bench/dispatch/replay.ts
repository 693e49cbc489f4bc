import type { Database, Queryable, QueryResult } from '@parley/runtime'

// A database that answers a turn's two statements (its start and its commit) as PGlite answered them
// before, so a bench can measure the runtime's own JavaScript per message without the database's work,
// which on this machine swings by more than the changes being measured. Everything else (the setup, the
// traces' batches) still goes to the database underneath, and is counted.
//
// An answer is kept as the JSON text of its rows and parsed again each time it is given, as a driver
// would parse it: the runtime may change the objects it is handed.

const TURN_STATEMENTS = new Set(['parley_turn_load', 'parley_turn_begin', 'parley_turn_commit'])

export interface Replaying {
  readonly db: Database
  /** From now on, answer the turn's statements from what was recorded (each conversation's start by its id). */
  replay(): void
  /** Statements that went to the database underneath since `replay()`. */
  readonly passedThrough: () => number
}

export function replaying(db: Database): Replaying {
  const recorded = new Map<string, string>()
  let replay = false
  let passed = 0
  const keyOf = (name: string, params: readonly unknown[] | undefined) => (name === 'parley_turn_commit' ? name : `${name}\u0000${String(params?.[1])}`)
  const query = async <Row extends object>(target: Queryable, sql: string, params?: readonly unknown[], options?: { name?: string }): Promise<QueryResult<Row>> => {
    const name = options?.name
    if (name === undefined || !TURN_STATEMENTS.has(name)) {
      if (replay) passed++
      return target.query<Row>(sql, params, options)
    }
    const key = keyOf(name, params)
    const answer = replay ? recorded.get(key) : undefined
    if (answer !== undefined) return { rows: JSON.parse(answer) as Row[] }
    const result = await target.query<Row>(sql, params, options)
    recorded.set(key, JSON.stringify(result.rows))
    return result
  }
  const wrap = (target: Queryable): Queryable => ({
    query: (sql, params, options) => query(target, sql, params, options),
    transaction: (fn) => target.transaction((tx) => fn(wrap(tx))),
  })
  return { db: { ...db, ...wrap(db) }, replay: () => void (replay = true), passedThrough: () => passed }
}
