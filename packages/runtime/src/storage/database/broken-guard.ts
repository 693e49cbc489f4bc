import { StorageError } from '../errors/storage-error.js'
import type { Database, Queryable } from './database.js'

/**
 * The embedded database runs PostgreSQL in WebAssembly, inside this process. An error raised outside
 * PostgreSQL itself (a `RangeError` from its JavaScript side, as tens of thousands of parameters cause)
 * can leave it answering every later query with no rows, silently. After such an error the database is
 * asked a question whose answer is known; when it answers wrongly, every later call fails with
 * `DATABASE_BROKEN` rather than return wrong results or write half of what it was given.
 */
export function failingLoudly(db: Database, answersCorrectly: () => Promise<boolean>): Database {
  let broken: StorageError | undefined
  const check = async (error: unknown): Promise<never> => {
    if (!broken && !fromPostgres(error) && !(await answersCorrectly().catch(() => false))) broken = brokenBy(error)
    throw broken ?? error
  }
  // Inside a transaction the check waits until it has ended: the embedded database is one connection,
  // so a query outside the transaction would wait for it, and it for the query.
  const guarded = (target: Queryable, outermost: boolean): Queryable => {
    const failed = (error: unknown) => (outermost ? check(error) : Promise.reject(error))
    return {
      query: async <Row extends object>(sql: string, params?: readonly unknown[]) => {
        if (broken) throw broken
        return target.query<Row>(sql, params).catch(failed)
      },
      transaction: async (fn) => {
        if (broken) throw broken
        return target.transaction((tx) => fn(guarded(tx, false))).catch(failed)
      },
    }
  }
  // Closing a broken database may fail in turn; shutting down must not.
  const close = () => db.close().catch((error: unknown) => (broken ? undefined : Promise.reject(error)))
  return { ...db, ...guarded(db, true), close }
}

/** PostgreSQL's own errors carry a SQLSTATE code; they leave the database as it was. */
function fromPostgres(error: unknown): boolean {
  return typeof (error as { code?: unknown } | null)?.code === 'string'
}

function brokenBy(error: unknown): StorageError {
  const reason = error instanceof Error ? error.message : String(error)
  return new StorageError('DATABASE_BROKEN', `the embedded database stopped answering correctly after an error ("${reason}"); its answers can no longer be trusted, so nothing more is read or written: restart the process (a data directory keeps what was written before)`, { cause: error })
}
