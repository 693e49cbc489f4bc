import { PGlite, parse, protocol, type Transaction } from '@electric-sql/pglite'
import { StorageError } from '../errors/storage-error.js'
import type { Database, Queryable, QueryOptions, QueryResult } from './database.js'
import { checkParameters, isSqlError } from './query-guards.js'
import { transactionScope } from './savepoint.js'
import { pgliteOptions } from './pglite-start.js'
import { lockDataDir } from './data-dir-lock.js'
import { bindAndRun } from './pglite-messages.js'

// PGlite 0.3 copies its whole map of type parsers (316 entries) into a new object for every result it
// parses, even when the query brings no parsers of its own: a third of its CPU time on short queries. The
// root `postinstall` applies `patches/@electric-sql+pglite+*.patch` (patch-package), which reuses the
// map when there is nothing to merge. The same patch has its protocol reader parse each chunk where it
// lies (a view of PGlite's WebAssembly memory, read at once) instead of copying it whole and then again
// field by field: about a quarter of the CPU of a short call (247 to 184 µs in a loop on this machine).
// Without the patch everything works, only slower; drop it once PGlite ships the same changes.

export interface PgliteOptions {
  /** A directory to keep the database in across restarts; in memory when absent. */
  readonly dataDir?: string
  /** A schema put first on the search path, as the server driver does for its connections. */
  readonly schema?: string
}

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
  const unlock = options.dataDir === undefined ? () => {} : lockDataDir(options.dataDir)
  try {
    return await openLocked(options, unlock)
  } catch (error) {
    unlock()
    throw error
  }
}

async function openLocked(options: PgliteOptions, unlock: () => void): Promise<Database> {
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
    query: (sql, params, queryOptions) => run((pglite) => runQuery(pglite, undefined, sql, params, queryOptions)),
    transaction: (fn) => run((pglite) => inTransaction(pglite, fn)),
    close: async () => {
      try {
        await (await current).close()
      } finally {
        unlock()
      }
    },
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
 * named statement (the runtime's own, fixed SQL) whose values are all text, numbers or null is prepared
 * once per database and then run with one call into PGlite (bind, describe, execute and sync sent
 * together): `query` makes six calls (parse, describe, bind, describe, execute, sync) and plans the
 * statement each time, which is most of what a short statement costs here.
 */
async function runQuery<Row extends object>(pglite: PGlite, tx: Transaction | undefined, sql: string, params: readonly unknown[] | undefined, options: QueryOptions = {}): Promise<QueryResult<Row>> {
  checkParameters(params)
  const target = tx ?? pglite
  try {
    const values = params && params.length > 0 && options.name !== undefined ? asText(params) : undefined
    if (values) return { rows: await runPrepared<Row>(pglite, tx !== undefined, sql, options.name!, values) }
    if (params && params.length > 0) return { rows: (await target.query<Row>(sql, [...params])).rows }
    const results = await target.exec(sql)
    return { rows: (results.at(-1)?.rows ?? []) as Row[] }
  } catch (error) {
    throw isSqlError(error) ? error : new PgliteFailure(error)
  }
}

/** The values as the text PostgreSQL reads them from; undefined if one is not text, a finite number or null. */
function asText(params: readonly unknown[]): (string | null)[] | undefined {
  const values = params.map((value) => (value === null || typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined))
  return values.includes(undefined) ? undefined : (values as (string | null)[])
}

const { serialize } = protocol

/** The named statements each database has prepared, with their SQL. */
const preparedOn = new WeakMap<PGlite, Map<string, string>>()

/**
 * Runs a named statement with one call into PGlite, preparing it first (in the same call) when this
 * database has not, or had it with other SQL. It holds PGlite's locks as its own `query` does: outside a
 * transaction it waits for any transaction to end. A statement that failed is prepared again next time
 * (closing one that does not exist is no error), so a failure never leaves a name half known.
 */
async function runPrepared<Row>(pglite: PGlite, inTransaction: boolean, sql: string, name: string, values: (string | null)[]): Promise<Row[]> {
  const prepared = preparedOn.get(pglite) ?? new Map<string, string>()
  preparedOn.set(pglite, prepared)
  const known = prepared.get(name) === sql
  const bound = bindAndRun(name, values)
  const message = known ? bound : concat([serialize.close({ type: 'S', name }), serialize.parse({ name, text: sql, types: [] }), bound])
  const send = async () => {
    prepared.delete(name)
    const messages = await pglite.execProtocolStream(message, { syncToFs: false })
    prepared.set(name, sql)
    if (!inTransaction) await pglite.syncToFs()
    return messages
  }
  const messages = inTransaction ? await pglite._runExclusiveQuery(send) : await pglite._runExclusiveTransaction(() => pglite._runExclusiveQuery(send))
  return (parse.parseResults(messages, pglite.parsers)[0]?.rows ?? []) as Row[]
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(parts.reduce((length, part) => length + part.length, 0))
  let offset = 0
  for (const part of parts) {
    whole.set(part, offset)
    offset += part.length
  }
  return whole
}

/** The caller's own errors pass through as they are; anything else PGlite throws is a failure of PGlite. */
async function inTransaction<T>(pglite: PGlite, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  let fromCaller = false
  try {
    return await pglite.transaction(async (tx) => {
      try {
        return await fn(transactionScope((sql, params, queryOptions) => runQuery(pglite, tx, sql, params, queryOptions)))
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
