import { PGlite, type Transaction } from '@electric-sql/pglite'
import { StorageError } from '../errors/storage-error.js'
import pg from 'pg'
import type { Database, Queryable, QueryOptions, QueryResult } from './database.js'
import { checkParameters, isSqlError } from './query-guards.js'
import { transactionScope } from './savepoint.js'
import { pgliteOptions } from './pglite-start.js'

// PGlite 0.3 copies its whole map of type parsers (316 entries) into a new object for every result it
// parses, even when the query brings no parsers of its own: a third of its CPU time on short queries. The
// root `postinstall` applies `patches/@electric-sql+pglite+*.patch` (patch-package), which reuses the
// map when there is nothing to merge. Without the patch everything works, only slower; drop it once
// PGlite ships the same change.

export interface PgliteOptions {
  /** A directory to keep the database in across restarts; in memory when absent. */
  readonly dataDir?: string
  /** A schema put first on the search path, as the server driver does for its connections. */
  readonly schema?: string
}

type Target = PGlite | Transaction

const { escapeLiteral } = pg

/**
 * Opens the embedded database. It is one connection: queries from anywhere in the process take turns.
 *
 * PGlite parses results in JavaScript; when that parsing fails (a RangeError on a result it cannot hold,
 * say), its connection is left out of step and every later read would come back empty. So after any error
 * that is not PostgreSQL's own, the driver checks that the database still answers right, and if it does
 * not, reopens it (from its directory, or from a copy of its files when in memory) before anything else
 * runs; if even that fails, every later query fails loudly.
 */
export async function openPglite(options: PgliteOptions = {}): Promise<Database> {
  const open = async () => prepare(await PGlite.create(await pgliteOptions(options.dataDir)), options)
  let current = Promise.resolve(await open())
  let broken: Error | undefined
  const recover = async (failed: PGlite): Promise<void> => {
    if (await answers(failed)) return
    current = reopen(failed, options.dataDir, open).catch((error: unknown) => {
      broken = error instanceof Error ? error : new Error(String(error))
      throw broken
    })
    await current.catch(() => undefined)
  }
  const run = async <T>(work: (pglite: PGlite) => Promise<T>): Promise<T> => {
    if (broken) throw brokenError(broken)
    const pglite = await current
    try {
      return await work(pglite)
    } catch (error) {
      if (!(error instanceof PgliteFailure)) throw error
      await recover(pglite)
      throw failedQuery(error.cause, broken)
    }
  }
  return {
    driver: 'pglite',
    query: (sql, params, queryOptions) => run((pglite) => runQuery(pglite, sql, params, queryOptions)),
    transaction: (fn) => run((pglite) => inTransaction(pglite, fn)),
    close: async () => (await current).close(),
  }
}

/** An error PGlite raised in JavaScript (not a PostgreSQL error): its connection may be out of step. */
class PgliteFailure extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause))
  }
}

async function prepare(pglite: PGlite, { schema }: PgliteOptions): Promise<PGlite> {
  if (schema) await pglite.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`)
  return pglite
}

/**
 * PGlite's `query` takes one statement; scripts without parameters go through `exec`, as with `pg`. A
 * named statement (the runtime's own, fixed SQL) whose values are all text, numbers or null goes through
 * `exec` too, its values written in as literals: `query` makes six calls into PGlite (parse, describe,
 * bind, describe, execute, sync), `exec` one, which is most of what a short statement costs here.
 */
async function runQuery<Row extends object>(target: Target, sql: string, params: readonly unknown[] | undefined, options: QueryOptions = {}): Promise<QueryResult<Row>> {
  checkParameters(params)
  try {
    const inline = params && params.length > 0 && options.name !== undefined ? withLiterals(sql, params) : undefined
    if (params && params.length > 0 && inline === undefined) return { rows: (await target.query<Row>(sql, [...params])).rows }
    const results = await target.exec(inline ?? sql)
    return { rows: (results.at(-1)?.rows ?? []) as Row[] }
  } catch (error) {
    throw isSqlError(error) ? error : new PgliteFailure(error)
  }
}

/** `sql` with `$1`, `$2`, … replaced by its values as SQL literals (escaped by `pg`); undefined if one is not text, a finite number or null. */
function withLiterals(sql: string, params: readonly unknown[]): string | undefined {
  const literals = params.map((value) => (value === null ? 'NULL' : typeof value === 'string' ? escapeLiteral(value) : typeof value === 'number' && Number.isFinite(value) ? `'${value}'` : undefined))
  if (literals.includes(undefined)) return undefined
  return sql.replace(/\$(\d+)/g, (_, index: string) => literals[Number(index) - 1]!)
}

/** The caller's own errors pass through as they are; anything else PGlite throws is a failure of PGlite. */
async function inTransaction<T>(pglite: PGlite, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  let fromCaller = false
  try {
    return await pglite.transaction(async (tx) => {
      try {
        return await fn(transactionScope((sql, params, queryOptions) => runQuery(tx, sql, params, queryOptions)))
      } catch (error) {
        fromCaller = !(error instanceof PgliteFailure)
        throw error
      }
    })
  } catch (error) {
    throw fromCaller || isSqlError(error) || error instanceof PgliteFailure ? error : new PgliteFailure(error)
  }
}

/** Whether the database still answers a known question with the known answer. */
async function answers(pglite: PGlite): Promise<boolean> {
  try {
    const { rows } = await pglite.query<{ answer: number }>('SELECT $1::int + 1 AS answer', [41])
    return rows.length === 1 && rows[0]!.answer === 42
  } catch {
    return false
  }
}

/**
 * A fresh PGlite on the same data: reopened from its directory, or, in memory, a copy of its files (which
 * hold every committed change; the query that failed may or may not have been applied).
 */
async function reopen(failed: PGlite, dataDir: string | undefined, open: () => Promise<PGlite>): Promise<PGlite> {
  if (dataDir !== undefined) {
    await failed.close().catch(() => undefined)
    return open()
  }
  const copy = (await failed.clone()) as PGlite
  await failed.close().catch(() => undefined)
  if (!(await answers(copy))) throw new Error('a copy of the embedded database does not answer queries either')
  return copy
}

function failedQuery(error: unknown, broken: Error | undefined): StorageError {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  if (broken) return brokenError(broken, reason)
  return new StorageError('DATABASE_BROKEN', `the embedded database failed while reading a result (${reason}); it was checked and reopened, and it keeps every committed change, but this query may or may not have been applied`, { cause: error })
}

function brokenError(cause: Error, reason = cause.message): StorageError {
  return new StorageError('DATABASE_BROKEN', `the embedded database stopped answering correctly (${reason}) and could not be reopened; restart the process. Changes committed before are in its files when it has a data directory`, { cause })
}
