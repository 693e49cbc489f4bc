import pg from 'pg'
import type { Database, Queryable, QueryOptions, QueryResult } from './database.js'
import { checkParameters, isSqlError } from './query-guards.js'
import { transactionScope } from './savepoint.js'
import { StorageError } from '../errors/storage-error.js'
import { listenerOf } from './postgres-listen.js'

export interface PostgresOptions {
  /** `postgres://user:password@host:5432/database` */
  readonly url: string
  /** Schema put first on every connection's `search_path`, so Parley's tables live there. */
  readonly schema?: string
  /** Most connections the pool opens at once. */
  readonly maxConnections?: number
}

const INT8_OID = 20

/**
 * `bigint` arrives as a string by default because it can exceed 2^53. Parley's bigints are row ids and
 * counts, far below that, and PGlite returns them as numbers: parsing them here keeps both drivers alike.
 */
function typeParsers(): pg.TypeOverrides {
  const overrides = new pg.TypeOverrides()
  overrides.setTypeParser(INT8_OID, Number)
  return overrides
}

/** Opens a pool on a PostgreSQL server and checks that it answers, so a wrong URL fails at startup. */
export async function openPostgres(options: PostgresOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    types: typeParsers(),
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  })
  // A connection that breaks while idle is dropped from the pool and replaced on the next query; without
  // a listener, node would treat the event as an uncaught error and stop the whole runtime.
  pool.on('error', () => {})
  await checkReachable(pool, options.url)
  const listener = listenerOf(() => new pg.Client({ connectionString: options.url }))
  return {
    driver: 'postgres',
    query: (sql, params, queryOptions) => runQuery(pool, sql, params, queryOptions),
    transaction: (fn) => inTransaction(pool, fn),
    listen: listener.listen,
    close: async () => {
      await listener.close()
      await pool.end()
    },
  }
}

async function checkReachable(pool: pg.Pool, url: string): Promise<void> {
  try {
    await pool.query('SELECT 1')
  } catch (error) {
    await pool.end()
    const reason = error instanceof Error ? error.message : String(error)
    throw new StorageError('DATABASE_UNREACHABLE', `cannot use the PostgreSQL database at ${redact(url)}: ${reason}; check that the server is running and the URL is right`, { cause: error })
  }
}

/** The URL without its password, fit for an error message. */
function redact(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(unparseable URL)'
  }
}

/**
 * A named statement is prepared once per connection (`pg` remembers which it prepared), so later calls
 * only bind values to it.
 */
async function runQuery<Row extends object>(
  target: pg.Pool | pg.PoolClient,
  sql: string,
  params: readonly unknown[] | undefined,
  options: QueryOptions = {},
): Promise<QueryResult<Row>> {
  checkParameters(params)
  const values = params && params.length > 0 ? [...params] : undefined
  const result = await (values === undefined ? target.query(sql) : target.query({ text: sql, values, ...(options.name ? { name: options.name } : {}) }))
  // A script of several statements returns one result per statement.
  const last: pg.QueryResult = Array.isArray(result) ? result.at(-1) : result
  return { rows: (last?.rows ?? []) as Row[] }
}

async function inTransaction<T>(pool: pg.Pool, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  // A failure of the driver itself (not an error PostgreSQL answered) may leave the connection out of
  // step: it is dropped instead of rolled back and reused.
  let driverFailed: Error | undefined
  const query: Parameters<typeof transactionScope>[0] = async (sql, params, queryOptions) => {
    try {
      return await runQuery(client, sql, params, queryOptions)
    } catch (error) {
      if (!isSqlError(error) && !(error instanceof StorageError)) driverFailed = error instanceof Error ? error : new Error(String(error))
      throw error
    }
  }
  try {
    await client.query('BEGIN')
    const result = await fn(transactionScope(query))
    await client.query('COMMIT')
    return result
  } catch (error) {
    broken = driverFailed ?? (await rollback(client))
    throw error
  } finally {
    client.release(broken)
  }
}

/** Rolls back; returns the error when even that failed, so the connection is discarded, not reused. */
async function rollback(client: pg.PoolClient): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK')
    return undefined
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error))
  }
}
