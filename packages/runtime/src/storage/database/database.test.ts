import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from './database.js'
import { openDatabase } from './open-database.js'
import { STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'

describe.each(testDrivers())('database on $name', (driver) => {
  let testDb: TestDatabase
  let db: Database
  beforeAll(async () => {
    testDb = await driver.open({ ownInstance: true })
    db = testDb.db
    await db.query('CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL, data jsonb, at timestamptz DEFAULT now())')
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  it('reports which driver it uses', () => {
    expect(db.driver).toBe(driver.name)
  })

  it('passes parameters and returns typed rows', async () => {
    const { rows } = await db.query<{ n: number; big: number; s: string; j: unknown; t: Date }>(
      `SELECT $1::int AS n, 9007199254740::bigint AS big, $2::text AS s, $3::text::jsonb AS j, now() AS t`,
      [41, 'hi', JSON.stringify({ a: [1] })],
    )
    expect(rows).toEqual([{ n: 41, big: 9007199254740, s: 'hi', j: { a: [1] }, t: expect.any(Date) }])
  })

  it('passes the values of a named statement through exactly, whatever they hold', async () => {
    const text = "it's \\ a $2 ' ; DROP TABLE notes; -- ünïcode"
    const { rows } = await db.query('SELECT $1::text AS v, $2::int AS n, $3::text AS nothing', [text, 5, null], { name: 'literal_probe' })
    expect(rows).toEqual([{ v: text, n: 5, nothing: null }])
    expect((await db.query('SELECT count(*)::int AS n FROM notes')).rows).toEqual([{ n: expect.any(Number) }])
  })

  it('reports a named statement that fails with its SQLSTATE, and runs it again afterwards', async () => {
    await expect(db.query('SELECT $1::int AS n', ['not a number'], { name: 'failing_probe' })).rejects.toMatchObject({ code: '22P02' })
    expect((await db.query('SELECT $1::int AS n', ['7'], { name: 'failing_probe' })).rows).toEqual([{ n: 7 }])
    await expect(db.query('SELECT n FROM no_such_table WHERE n = $1', [1], { name: 'missing_probe' })).rejects.toMatchObject({ code: '42P01' })
  })

  it('runs named statements inside a transaction, which sees and undoes their writes', async () => {
    const insert = 'INSERT INTO notes (body) VALUES ($1) RETURNING id'
    await expect(db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: number }>(insert, ['named, undone'], { name: 'notes_insert' })
      expect((await tx.query('SELECT body FROM notes WHERE id = $1', [rows[0]!.id], { name: 'notes_get' })).rows).toEqual([{ body: 'named, undone' }])
      throw new Error('undo')
    })).rejects.toThrow('undo')
    expect((await db.query('SELECT count(*)::int AS n FROM notes WHERE body = $1', ['named, undone'], { name: 'notes_count' })).rows).toEqual([{ n: 0 }])
    await db.query(insert, ['named, kept'], { name: 'notes_insert' })
    expect((await db.query('SELECT count(*)::int AS n FROM notes WHERE body = $1', ['named, kept'], { name: 'notes_count' })).rows).toEqual([{ n: 1 }])
  })

  it.runIf(driver.name === 'pglite')('prepares a name again when its SQL changes', async () => {
    expect((await db.query('SELECT $1::int + 1 AS n', [1], { name: 'changing_probe' })).rows).toEqual([{ n: 2 }])
    expect((await db.query('SELECT $1::int + 2 AS n', [1], { name: 'changing_probe' })).rows).toEqual([{ n: 3 }])
  })

  it('runs a script of several statements when there are no parameters, returning the last rows', async () => {
    const { rows } = await db.query(`INSERT INTO notes (body) VALUES ('a'); SELECT count(*) AS n FROM notes WHERE body = 'a'`)
    expect(rows).toEqual([{ n: 1 }])
  })

  it('commits a transaction that resolves', async () => {
    const id = await db.transaction(async (tx) => (await tx.query<{ id: number }>(`INSERT INTO notes (body) VALUES ('kept') RETURNING id`)).rows[0]!.id)
    expect((await db.query('SELECT body FROM notes WHERE id = $1', [id])).rows).toEqual([{ body: 'kept' }])
  })

  it('rolls back a transaction that throws, and rethrows its error', async () => {
    const failing = db.transaction(async (tx) => {
      await tx.query(`INSERT INTO notes (body) VALUES ('lost')`)
      throw new Error('boom')
    })
    await expect(failing).rejects.toThrow('boom')
    expect((await db.query(`SELECT 1 FROM notes WHERE body = 'lost'`)).rows).toEqual([])
  })

  it('undoes only the nested part when a nested transaction throws', async () => {
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO notes (body) VALUES ('outer')`)
      await expect(tx.transaction(async (inner) => {
        await inner.query(`INSERT INTO notes (body) VALUES ('inner')`)
        throw new Error('inner failed')
      })).rejects.toThrow('inner failed')
    })
    const { rows } = await db.query(`SELECT body FROM notes WHERE body IN ('outer', 'inner')`)
    expect(rows).toEqual([{ body: 'outer' }])
  })

  it('refuses a statement with more values than it can carry, before sending it, and keeps working', async () => {
    const values = Array.from({ length: 40_000 }, (_, i) => i)
    const sql = `SELECT count(*) AS n FROM notes WHERE id IN (${values.map((_, i) => `$${i + 1}::int`).join(', ')})`
    await expect(db.query(sql, values)).rejects.toMatchObject({ code: 'QUERY_TOO_LARGE', message: expect.stringContaining('40000 values') })
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
  })

  it.runIf(driver.name === 'pglite')('checks and reopens itself after PGlite fails in JavaScript, keeping every committed row', async () => {
    await db.query(`INSERT INTO notes (body) VALUES ('before the failure')`)
    // 40,000 placeholders but one value: PGlite misreads the server's description of them (a RangeError)
    // and, left alone, would answer every later query with no rows.
    const sql = `SELECT 1 AS one WHERE 1 IN (${Array.from({ length: 40_000 }, (_, i) => `$${i + 1}::int`).join(', ')})`
    await expect(db.query(sql, [1])).rejects.toMatchObject({ code: 'DATABASE_BROKEN', message: expect.stringContaining('reopened') })
    expect((await db.query(`SELECT body FROM notes WHERE body = 'before the failure'`)).rows).toEqual([{ body: 'before the failure' }])
    await db.query(`INSERT INTO notes (body) VALUES ('after the failure')`)
    expect((await db.query(`SELECT count(*)::int AS n FROM notes WHERE body LIKE '% the failure'`)).rows).toEqual([{ n: 2 }])
  }, STARTUP_TIMEOUT)

  it('keeps working after a failed statement outside a transaction', async () => {
    await expect(db.query('SELECT * FROM no_such_table')).rejects.toMatchObject({ code: '42P01' })
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
  })
})

describe('openDatabase', () => {
  it('keeps an embedded database in a directory across close and reopen', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-db-'))
    try {
      const first = await openDatabase({ dataDir })
      await first.query(`CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')`)
      await first.close()
      const second = await openDatabase({ dataDir })
      expect((await second.query('SELECT v FROM kept')).rows).toEqual([{ v: 'still here' }])
      await second.close()
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  }, STARTUP_TIMEOUT)

  it('refuses a second open of a directory in use, naming the process holding it, and frees it on close', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-db-'))
    try {
      const first = await openDatabase({ dataDir })
      await expect(openDatabase({ dataDir })).rejects.toMatchObject({
        code: 'DATABASE_IN_USE',
        message: expect.stringContaining(`the embedded database in ${dataDir} is in use by process ${process.pid}`),
      })
      await first.close()
      expect(existsSync(`${dataDir}.lock`)).toBe(false)
      await (await openDatabase({ dataDir })).close()
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  }, STARTUP_TIMEOUT)

  it('takes over a lock left by a process that has ended', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-db-'))
    const ended = spawnSync(process.execPath, ['-e', '']).pid
    await writeFile(`${dataDir}.lock`, JSON.stringify({ pid: ended, host: hostname(), command: 'parley serve', since: '2026-01-01T00:00:00.000Z' }))
    try {
      const db = await openDatabase({ dataDir })
      expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
      await db.close()
    } finally {
      await rm(dataDir, { recursive: true, force: true })
      await rm(`${dataDir}.lock`, { force: true })
    }
  }, STARTUP_TIMEOUT)

  it('refuses a URL that is not PostgreSQL, saying what to use', async () => {
    await expect(openDatabase({ url: 'mysql://root@localhost/db' })).rejects.toMatchObject({
      code: 'DATABASE_CONFIG_INVALID',
      message: expect.stringContaining('use postgres://user:password@host:5432/database'),
    })
  })

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(openDatabase({ schema: 'x; DROP TABLE y' })).rejects.toMatchObject({ code: 'DATABASE_CONFIG_INVALID' })
  })

  it('names the server and hides the password when PostgreSQL cannot be reached', async () => {
    const failing = openDatabase({ url: 'postgres://me:secret@127.0.0.1:1/nowhere' })
    await expect(failing).rejects.toMatchObject({ code: 'DATABASE_UNREACHABLE', message: expect.stringContaining('127.0.0.1:1') })
    await expect(failing).rejects.not.toMatchObject({ message: expect.stringContaining('secret') })
  })

  it('keeps tables in the given schema on the embedded database', async () => {
    const db = await openDatabase({ schema: 'bots' })
    await db.query('CREATE TABLE placed (v int)')
    const { rows } = await db.query(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'placed'`)
    expect(rows).toEqual([{ table_schema: 'bots' }])
    await db.close()
  }, STARTUP_TIMEOUT)
})
