import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRuntimeTableStore } from './runtime-tables.js'
import { createTableStore } from './table-store.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'

const schema = { type: 'object', properties: { title: { type: 'string' }, score: { type: 'number' }, done: { type: 'boolean' }, meta: { type: 'object' } } }

describe.each(testDrivers())('rows of run-time tables on $name', (driver) => {
  let testDb: TestDatabase
  beforeAll(async () => {
    testDb = await openMigrated(driver)
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  it('creates, finds with filters and order, gets, updates, upserts, aggregates and deletes rows', async () => {
    await createRuntimeTableStore(testDb.db, 'bot-rr').create('notes', schema)
    const store = createTableStore(testDb.db, 'bot-rr', {})
    const created = await store.createRows({ table: 'notes', rows: [{ title: 'a', score: 3, done: true }, { title: 'b', score: 1 }, { title: 'c', score: 2, meta: { k: 1 } }] })
    expect(created.map((row) => row.title)).toEqual(['a', 'b', 'c'])
    expect(created[1]).not.toHaveProperty('done')

    const found = await store.findRows({ table: 'notes', filter: { $or: [{ score: { $gte: 2 } }, { title: { $eq: 'b' } }], $not: { done: true } }, orderBy: { column: 'score', direction: 'desc' } })
    expect(found).toMatchObject({ total: 2, rows: [{ title: 'c' }, { title: 'b' }] })
    expect(await store.findRows({ table: 'notes', limit: 1, offset: 2, orderBy: { column: 'score' } })).toMatchObject({ total: 3, rows: [{ title: 'a' }] })
    expect(await store.getRow({ table: 'notes', id: created[2]!.id })).toMatchObject({ title: 'c', meta: { k: 1 } })

    expect(await store.updateRows({ table: 'notes', filter: { score: { $lt: 3 } }, patch: { done: false } })).toHaveLength(2)
    const upserted = await store.upsertRows({ table: 'notes', keyColumn: 'title', rows: [{ title: 'a', score: 10 }, { title: 'd', score: 4 }] })
    expect(upserted.updated.map((row) => row.score)).toEqual([10])
    expect(upserted.inserted.map((row) => row.title)).toEqual(['d'])
    const groups = await store.aggregate({ table: 'notes', groupBy: ['done'], aggregates: { total: { $sum: 'score' }, n: { $count: true } } })
    expect(groups).toHaveLength(3)
    expect(groups).toEqual(expect.arrayContaining([{ done: false, total: 3, n: 2 }, { done: true, total: 10, n: 1 }, { done: null, total: 4, n: 1 }]))

    expect(await store.deleteRows({ table: 'notes', filter: { done: false } })).toEqual({ deleted: 2 })
    expect((await store.findRows({ table: 'notes' })).total).toBe(2)
  })

  it('checks rows against the stored schema and names the field', async () => {
    await createRuntimeTableStore(testDb.db, 'bot-rr').create('typed', schema)
    const store = createTableStore(testDb.db, 'bot-rr', {})
    await expect(store.createRows({ table: 'typed', rows: [{ title: 'ok' }, { score: 'high' }] })).rejects.toMatchObject({ code: 'ROW_INVALID', message: expect.stringContaining('score') })
    await expect(store.findRows({ table: 'typed', filter: { nope: { $eq: 1 } } })).rejects.toMatchObject({ code: 'COLUMN_UNKNOWN' })
    expect((await store.findRows({ table: 'typed' })).total).toBe(0)
  })

  it('sees fields a later createTable adds, and refuses a table dropped or never made', async () => {
    const tables = createRuntimeTableStore(testDb.db, 'bot-rr')
    await tables.create('growing', { type: 'object', properties: { title: { type: 'string' } } })
    const store = createTableStore(testDb.db, 'bot-rr', {})
    await tables.create('growing', { type: 'object', properties: { title: { type: 'string' }, rank: { type: 'integer' } } })
    expect(await store.createRows({ table: 'growing', rows: [{ title: 'x', rank: 2 }] })).toMatchObject([{ title: 'x', rank: 2 }])
    await tables.delete('growing')
    await expect(store.findRows({ table: 'growing' })).rejects.toMatchObject({ code: 'TABLE_UNKNOWN' })
    await expect(createTableStore(testDb.db, 'bot-other', {}).findRows({ table: 'typed' })).rejects.toMatchObject({ code: 'TABLE_UNKNOWN' })
  })
})
