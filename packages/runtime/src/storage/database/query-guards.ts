import { StorageError } from '../errors/storage-error.js'
import { MAX_PARAMETERS } from './database.js'

/** Refuses a statement with more parameters than the drivers can carry, before anything is sent. */
export function checkParameters(params: readonly unknown[] | undefined): void {
  if (params === undefined || params.length <= MAX_PARAMETERS) return
  throw new StorageError('QUERY_TOO_LARGE', `a query with ${params.length} values is refused, more than the ${MAX_PARAMETERS} one statement can carry; nothing was run. Ask for fewer values at once (a shorter $in list, fewer rows per call)`)
}

/** PostgreSQL's own errors carry a five-character SQLSTATE; anything else failed in the driver itself. */
export function isSqlError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof (error as { severity?: unknown }).severity === 'string'
}
