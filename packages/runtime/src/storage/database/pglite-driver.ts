import { PGlite, type Transaction } from '@electric-sql/pglite'
import type { Database, QueryResult } from './database.js'
import { transactionScope } from './savepoint.js'

export interface PgliteOptions {
  /** A directory to keep the database in across restarts; in memory when absent. */
  readonly dataDir?: string
}

// PGlite 0.3 copies its whole map of type parsers (316 entries) into a new object for every result it
// parses, even when the query brings no parsers of its own: a third of its CPU time on short queries. The
// root `postinstall` applies `patches/@electric-sql+pglite+*.patch` (patch-package), which reuses the
// map when there is nothing to merge. Without the patch everything works, only slower; drop it once
// PGlite ships the same change.

/** Opens the embedded database. It is one connection: queries from anywhere in the process take turns. */
export async function openPglite(options: PgliteOptions = {}): Promise<Database> {
  const pglite = await PGlite.create(options.dataDir)
  return {
    driver: 'pglite',
    query: (sql, params) => runQuery(pglite, sql, params),
    transaction: (fn) => pglite.transaction((tx) => fn(transactionScope((sql, params) => runQuery(tx, sql, params)))),
    close: () => pglite.close(),
  }
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
