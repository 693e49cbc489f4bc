import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRuntimeTableStore } from './runtime-tables.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'
import { tableSqlName } from './physical-names.js'

describe.each(testDrivers())('run-time tables on $name', (driver) => {
  let testDb: TestDatabase
  beforeAll(async () => {
    testDb = await openMigrated(driver)
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  it('creates a table from a JSON Schema, counts its rows, extends it and drops it', async () => {
    const tables = createRuntimeTableStore(testDb.db, 'bot-rt')
    const schema = { type: 'object', properties: { title: { type: 'string' }, score: { type: 'number' }, meta: { type: 'object' } } }
    expect(await tables.create('mirror', schema, { source: 'sync' })).toMatchObject({ name: 'mirror', schema, tags: { source: 'sync' } })
    await testDb.db.query(`INSERT INTO "${tableSqlName('bot-rt', 'mirror')}" (title) VALUES ('a'), ('b')`)
    expect(await tables.get('mirror')).toMatchObject({ rows: 2, table: { name: 'mirror' } })

    const wider = { type: 'object', properties: { ...schema.properties, done: { type: 'boolean' } } }
    await tables.create('mirror', wider)
    expect(await tables.get('mirror')).toMatchObject({ rows: 2, table: { schema: wider, tags: { source: 'sync' } } })

    expect(await tables.delete('mirror')).toBe(true)
    expect(await tables.get('mirror')).toBeUndefined()
    expect(await tables.delete('mirror')).toBe(false)
    expect(await createRuntimeTableStore(testDb.db, 'bot-other').get('mirror')).toBeUndefined()
  })

  it('refuses a schema it cannot store, naming the field', async () => {
    const tables = createRuntimeTableStore(testDb.db, 'bot-rt')
    await expect(tables.create('bad', { type: 'object', properties: { when: { type: 'date' } } })).rejects.toThrow(/field "when": type "date" cannot be stored/)
    await expect(tables.create('bad', { type: 'array' })).rejects.toThrow(/give the schema of its rows/)
  })
})
