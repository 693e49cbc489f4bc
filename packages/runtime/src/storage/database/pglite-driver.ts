import { PGlite, type Transaction } from '@electric-sql/pglite'
import { failingLoudly } from './broken-guard.js'
import type { Database, QueryResult } from './database.js'
import { transactionScope } from './savepoint.js'

export interface PgliteOptions {
  /** A directory to keep the database in across restarts; in memory when absent. */
  readonly dataDir?: string
}

/** Opens the embedded database. It is one connection: queries from anywhere in the process take turns. */
export async function openPglite(options: PgliteOptions = {}): Promise<Database> {
  const pglite = await PGlite.create(options.dataDir)
  const db: Database = {
    driver: 'pglite',
    query: (sql, params) => runQuery(pglite, sql, params),
    transaction: (fn) => pglite.transaction((tx) => fn(transactionScope((sql, params) => runQuery(tx, sql, params)))),
    close: () => pglite.close(),
  }
  return failingLoudly(db, async () => (await pglite.query<{ ok: number }>('SELECT 1 AS ok')).rows[0]?.ok === 1)
}

/** PGlite's `query` takes one statement; scripts without parameters go through `exec`, as with `pg`. */
async function runQuery<Row extends object>(
  target: PGlite | Transaction,
  sql: string,
  params: readonly unknown[] | undefined,
): Promise<QueryResult<Row>> {
  if (params && params.length > 0) return { rows: (await target.query<Row>(sql, [...params])).rows }
  const results = await target.exec(sql)
  return { rows: (results.at(-1)?.rows ?? []) as Row[] }
}
