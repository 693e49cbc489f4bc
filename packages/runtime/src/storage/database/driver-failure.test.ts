import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from './database.js'
import { STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'

// A query too large for the driver must never leave the database answering wrongly without saying so.

const placeholders = (count: number) => Array.from({ length: count }, (_, i) => `$${i + 1}`).join(',')

describe.each(testDrivers())('a driver failure on $name', (driver) => {
  let testDb: TestDatabase
  let db: Database
  beforeAll(async () => {
    testDb = await driver.open({ ownInstance: true })
    db = testDb.db
    await db.query('CREATE TABLE kept (v text)')
    await db.query("INSERT INTO kept VALUES ('a'), ('b')")
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  it('lets an error of the code around a query through, when the database still answers correctly', async () => {
    await expect(db.transaction(async (tx) => {
      await tx.query("INSERT INTO kept VALUES ('rolled back')")
      throw new TypeError('a bug in the caller')
    })).rejects.toThrow('a bug in the caller')
    expect((await db.query('SELECT count(*)::int AS n FROM kept')).rows).toEqual([{ n: 2 }])
  })

  it('refuses a query too large for it before running it, and keeps answering correctly', async () => {
    // 50,000 parameters: the embedded database's JavaScript side would fail on them and fall out of step.
    const values = Array.from({ length: 50_000 }, (_, i) => String(i))
    const outcome = await db.query(`SELECT count(*)::int AS n FROM kept WHERE v IN (${placeholders(values.length)})`, values).then((result) => result.rows, (error: { code?: string }) => error.code)
    const after = await db.query('SELECT count(*)::int AS n FROM kept').then((result) => result.rows, (error: { code?: string }) => error.code)
    expect([outcome, after]).toEqual(['QUERY_TOO_LARGE', [{ n: 2 }]])
  })
})
