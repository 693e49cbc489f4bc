import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../database/database.js'
import { appliedVersions, migrate } from './migrate.js'
import { MIGRATIONS } from './migrations.js'
import type { Migration } from './migration.js'
import { STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'

const ALL_VERSIONS = MIGRATIONS.map((migration) => migration.version)

async function tableNames(db: Database): Promise<string[]> {
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE 'parley_%' ORDER BY 1`,
  )
  return rows.map((row) => row.table_name)
}

describe.each(testDrivers())('migrate on $name', (driver) => {
  let testDb: TestDatabase
  beforeAll(async () => {
    testDb = await driver.open()
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  it('applies every migration once, in order, and creates the tables', async () => {
    expect(await migrate(testDb.db)).toEqual(ALL_VERSIONS)
    expect(await appliedVersions(testDb.db)).toEqual(ALL_VERSIONS)
    expect(await tableNames(testDb.db)).toEqual([
      'parley_analytics', 'parley_app_cursors', 'parley_app_deliveries', 'parley_apps', 'parley_conversations', 'parley_deployments', 'parley_events', 'parley_file_passages', 'parley_files', 'parley_jobs', 'parley_logs', 'parley_messages', 'parley_migrations', 'parley_participants', 'parley_plugin_kv', 'parley_runtime_tables', 'parley_states', 'parley_trace_pages', 'parley_traces', 'parley_turn_locks', 'parley_users', 'parley_webhook_deliveries', 'parley_workflows',
    ])
  })

  it('applies nothing when run again', async () => {
    expect(await migrate(testDb.db)).toEqual([])
    expect(await appliedVersions(testDb.db)).toEqual(ALL_VERSIONS)
  })

  it('indexes a turn trace by its time in block ranges and by its conversation only (014)', async () => {
    const { rows } = await testDb.db.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'parley_traces' ORDER BY indexname`)
    expect(rows.map((row) => row.indexdef.replace(/ ON \S+ /, ' ON '))).toEqual([
      expect.stringMatching(/^CREATE INDEX parley_traces_conversation ON USING btree \(bot_id, conversation_id, started_at\) WHERE \(conversation_id IS NOT NULL\)$/),
      expect.stringMatching(/^CREATE INDEX parley_traces_started ON USING brin \(started_at\) WITH \(pages_per_range='?16'?\)$/),
    ])
  })

  it('applies a new migration exactly once when several processes migrate at the same time', async () => {
    const counter: Migration = { version: 100, name: 'counter', sql: 'CREATE TABLE counter (n int); INSERT INTO counter VALUES (1)' }
    const others = await Promise.all([testDb.openAnother(), testDb.openAnother(), testDb.openAnother()])
    const results = await Promise.all([testDb.db, ...others].map((db) => migrate(db, [...MIGRATIONS, counter])))
    expect(results.flat()).toEqual([100])
    expect((await testDb.db.query('SELECT n FROM counter')).rows).toEqual([{ n: 1 }])
  })

  it('rolls back a failing migration, keeps those before it, and names it in the error', async () => {
    const good: Migration = { version: 101, name: 'good', sql: 'CREATE TABLE good (n int)' }
    const bad: Migration = { version: 102, name: 'bad', sql: 'CREATE TABLE half_done (n int); SELECT nope FROM nowhere' }
    const known = [...MIGRATIONS, { version: 100, name: 'counter', sql: '' }]
    await expect(migrate(testDb.db, [...known, good, bad])).rejects.toMatchObject({
      code: 'MIGRATION_FAILED',
      message: expect.stringMatching(/^database migration 102 \(bad\) failed: .*nowhere/),
    })
    expect((await appliedVersions(testDb.db)).slice(-2)).toEqual([100, 101])
    const { rows } = await testDb.db.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'half_done'`)
    expect(rows).toEqual([])
  })

  it('refuses a database migrated by a newer version', async () => {
    await expect(migrate(testDb.db, MIGRATIONS)).rejects.toMatchObject({
      code: 'DATABASE_TOO_NEW',
      message: expect.stringContaining(`the database is at schema version 101, but this Parley knows versions up to ${ALL_VERSIONS.at(-1)}`),
    })
  })

  it('refuses a list whose versions do not increase', async () => {
    const list: Migration[] = [{ version: 2, name: 'b', sql: '' }, { version: 1, name: 'a', sql: '' }]
    await expect(migrate(testDb.db, list)).rejects.toThrow('migration 1 (a) comes after 2; versions must increase along the list')
  })
})
