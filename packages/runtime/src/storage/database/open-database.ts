import type { Database } from './database.js'
import { openPglite } from './pglite-driver.js'
import { openPostgres } from './postgres-driver.js'
import { textChecked } from './text-checks.js'
import { StorageError } from '../errors/storage-error.js'

export interface OpenDatabaseOptions {
  /** A PostgreSQL connection string (`postgres://…`); when set, the server is used. */
  readonly url?: string
  /** Where the embedded database keeps its files; in memory when absent. Ignored when `url` is set. */
  readonly dataDir?: string
  /** A schema to keep Parley's tables in instead of `public`; created when missing. */
  readonly schema?: string
}

const POSTGRES_URL = /^postgres(ql)?:\/\//
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/

/** A PostgreSQL server when `url` is given, else the embedded PGlite, in `dataDir` or in memory. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  checkOptions(options)
  const db = options.url ? await openPostgres({ url: options.url, schema: options.schema }) : await openPglite({ dataDir: options.dataDir, schema: options.schema })
  if (options.url && options.schema) await createSchema(db, options.schema)
  return textChecked(db)
}

function checkOptions({ url, schema }: OpenDatabaseOptions): void {
  if (url !== undefined && !POSTGRES_URL.test(url)) {
    throw new StorageError('DATABASE_CONFIG_INVALID', `database URL "${url.split('://')[0]}://…" is not a PostgreSQL connection string; use postgres://user:password@host:5432/database, or leave it unset to use the embedded database`)
  }
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new StorageError('DATABASE_CONFIG_INVALID', `schema "${schema}" is not allowed; use lowercase letters, digits and _, starting with a letter or _ (at most 63)`)
  }
}

/**
 * Server connections already have the schema on their `search_path` (it is looked up per statement, so
 * creating it now is enough; the embedded database sets its one session's path itself). Two processes
 * starting together may both create the schema: the loser's "already exists" is fine.
 */
async function createSchema(db: Database, schema: string): Promise<void> {
  try {
    await db.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
  } catch (error) {
    if (!isDuplicate(error)) throw error
  }
}

function isDuplicate(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === '42P06' || code === '23505'
}
