import type { Queryable } from '../database/database.js'
import { StorageError } from '../errors/storage-error.js'
import type { Migration } from './migration.js'
import { MIGRATIONS } from './migrations.js'

const CREATE_LEDGER = `
  CREATE TABLE IF NOT EXISTS parley_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`

/**
 * Processes starting together on one server queue here: the lock is held until each transaction ends. It
 * is keyed by schema, so databases in other schemas of the same server migrate independently.
 */
const LOCK = `SELECT pg_advisory_xact_lock(hashtext('parley_migrations'), hashtext(current_schema()))`

/**
 * Brings the database up to date: applies each migration not yet recorded in `parley_migrations`, in
 * order, each in its own transaction. Running it again applies nothing. Returns the versions it applied.
 */
export async function migrate(db: Queryable, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  checkOrder(migrations)
  await checkNotNewer(db, migrations)
  const applied: number[] = []
  for (const migration of migrations) {
    if (await applyOnce(db, migration)) applied.push(migration.version)
  }
  return applied
}

/** Versions recorded as applied, in order. */
export async function appliedVersions(db: Queryable): Promise<number[]> {
  return db.transaction(async (tx) => {
    await prepareLedger(tx)
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM parley_migrations ORDER BY version')
    return rows.map((row) => row.version)
  })
}

async function prepareLedger(tx: Queryable): Promise<void> {
  await tx.query(LOCK)
  await tx.query(CREATE_LEDGER)
}

/** Applies `migration` unless another process did already; the lock makes check-and-apply one step. */
async function applyOnce(db: Queryable, migration: Migration): Promise<boolean> {
  return db.transaction(async (tx) => {
    await prepareLedger(tx)
    const done = await tx.query('SELECT 1 FROM parley_migrations WHERE version = $1', [migration.version])
    if (done.rows.length > 0) return false
    await runMigration(tx, migration)
    await tx.query('INSERT INTO parley_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name])
    return true
  })
}

async function runMigration(tx: Queryable, migration: Migration): Promise<void> {
  try {
    await tx.query(migration.sql)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new StorageError('MIGRATION_FAILED', `database migration ${migration.version} (${migration.name}) failed: ${reason}; it was rolled back, and the migrations before it stay applied`, { cause: error })
  }
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1]
    if (previous && migration.version <= previous.version) {
      throw new StorageError('MIGRATION_FAILED', `migration ${migration.version} (${migration.name}) comes after ${previous.version}; versions must increase along the list`)
    }
  })
}

/** A database migrated by a newer Parley may hold data this version would misread, so refuse to start. */
async function checkNotNewer(db: Queryable, migrations: readonly Migration[]): Promise<void> {
  const latestKnown = migrations.at(-1)?.version ?? 0
  const newest = (await appliedVersions(db)).at(-1) ?? 0
  if (newest > latestKnown) {
    throw new StorageError('DATABASE_TOO_NEW', `the database is at schema version ${newest}, but this Parley knows versions up to ${latestKnown}; upgrade Parley, or use another database`)
  }
}
