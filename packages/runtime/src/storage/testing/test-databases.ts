import { randomBytes } from 'node:crypto'
import type { Database, DriverName } from '../database/database.js'
import { openDatabase } from '../database/open-database.js'
import { migrate } from '../migrations/migrate.js'

// Support for this package's tests: every storage test runs once per driver, against real databases.

/**
 * Starting an embedded database compiles PostgreSQL's WebAssembly: seconds, a minute or more on a
 * loaded 2-core machine. The limit only catches a hang, like the suite's own (`vitest.shared.ts`).
 */
export const STARTUP_TIMEOUT = 600_000

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test'

/** A database for one test file, with what it takes to open more connections to it and to remove it. */
export interface TestDatabase {
  readonly db: Database
  /** Another `Database` on the same data: a second pool on the server; the same instance when embedded. */
  openAnother(): Promise<Database>
  /** Closes the database and, on the server, drops the schema it lived in. */
  dispose(): Promise<void>
}

export interface TestDriver {
  readonly name: DriverName
  /** `ownInstance`: an embedded database of its own, for tests of the driver itself (it reopens, it closes). */
  open(options?: { readonly ownInstance?: boolean }): Promise<TestDatabase>
}

/**
 * The drivers storage tests run over: PGlite in memory, and the PostgreSQL server at
 * `PARLEY_TEST_DATABASE_URL`. The server half is left out only when `PARLEY_SKIP_POSTGRES=1`: an
 * unreachable server fails those tests rather than quietly skipping half the suite.
 */
export function testDrivers(): TestDriver[] {
  const drivers: TestDriver[] = [EMBEDDED_DRIVER]
  if (process.env['PARLEY_SKIP_POSTGRES'] !== '1') drivers.push({ name: 'postgres', open: openServer })
  return drivers
}

/** PGlite in memory: what a test uses when it runs on one database only. */
export const EMBEDDED_DRIVER: TestDriver = { name: 'pglite', open: (options) => openEmbedded(options) }

async function openEmbedded(options: { readonly ownInstance?: boolean } = {}): Promise<TestDatabase> {
  if (options.ownInstance || sharedInUse) {
    const db = await openDatabase()
    const another = { ...db, close: async () => {} }
    return { db, openAnother: async () => another, dispose: () => db.close() }
  }
  return openEmbeddedSchema()
}

let sharedEmbedded: Promise<Database> | undefined
/** Whether a file works in the shared database now: a second database it opens meanwhile is one of its own. */
let sharedInUse = false

/**
 * Starting PGlite costs 1.5 to 2.5 CPU-s, most of what a storage test file costs; migrating costs 0.3.
 * So every file a worker runs (`isolate: false` in `vitest.config.ts`) shares one embedded database, each
 * file in a fresh schema first on the search path, as the files on the server do. Files in a worker run
 * one after another, and the embedded database is one session: the path set by a file's open holds until
 * its dispose drops the schema. A file that needs one more database while it holds the shared one gets
 * a database of its own (one session has one search path).
 */
async function openEmbeddedSchema(): Promise<TestDatabase> {
  sharedInUse = true
  try {
    const shared = await (sharedEmbedded ??= openDatabase())
    const schema = `parley_test_${randomBytes(6).toString('hex')}`
    await shared.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`)
    const db = { ...shared, close: async () => {} }
    return { db, openAnother: async () => db, dispose: () => disposeSchema(shared, schema) }
  } catch (error) {
    sharedInUse = false
    throw error
  }
}

async function disposeSchema(shared: Database, schema: string): Promise<void> {
  await shared.query(`DROP SCHEMA ${schema} CASCADE; SET search_path TO public`)
  sharedInUse = false
}

/** Each test file gets a fresh schema on the server, so files run in parallel without seeing each other. */
async function openServer(): Promise<TestDatabase> {
  const url = testDatabaseUrl()
  const schema = `parley_test_${randomBytes(6).toString('hex')}`
  const db = await openReachable(url, schema)
  const others: Database[] = []
  const openAnother = async () => {
    const other = await openDatabase({ url, schema })
    others.push(other)
    return other
  }
  return { db, openAnother, dispose: () => disposeServer(db, others, schema) }
}

export function testDatabaseUrl(): string {
  return process.env['PARLEY_TEST_DATABASE_URL'] ?? DEFAULT_TEST_DATABASE_URL
}

async function openReachable(url: string, schema: string): Promise<Database> {
  try {
    return await openDatabase({ url, schema })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`${reason}. The storage tests need PostgreSQL: start it, point PARLEY_TEST_DATABASE_URL at one, or set PARLEY_SKIP_POSTGRES=1 to test the embedded database only`, { cause: error })
  }
}

async function disposeServer(db: Database, others: readonly Database[], schema: string): Promise<void> {
  await Promise.all(others.map((other) => other.close()))
  await db.query(`DROP SCHEMA ${schema} CASCADE`)
  await db.close()
}

/** A test database with Parley's schema in place. */
export async function openMigrated(driver: TestDriver): Promise<TestDatabase> {
  const testDb = await driver.open()
  await migrate(testDb.db)
  return testDb
}
