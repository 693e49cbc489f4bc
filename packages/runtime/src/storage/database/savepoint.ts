import type { Queryable, QueryOptions, QueryResult } from './database.js'

type Query = <Row extends object>(sql: string, params?: readonly unknown[], options?: QueryOptions) => Promise<QueryResult<Row>>

/**
 * A transaction in progress, as a `Queryable`: `transaction` nests with savepoints, numbered by depth so
 * names never clash.
 */
export function transactionScope(query: Query, depth = 0): Queryable {
  return {
    query,
    transaction: (fn) => withSavepoint(query, depth + 1, fn),
  }
}

async function withSavepoint<T>(query: Query, depth: number, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const name = `parley_savepoint_${depth}`
  await query(`SAVEPOINT ${name}`)
  try {
    const result = await fn(transactionScope(query, depth))
    await query(`RELEASE SAVEPOINT ${name}`)
    return result
  } catch (error) {
    await query(`ROLLBACK TO SAVEPOINT ${name}`)
    throw error
  }
}
