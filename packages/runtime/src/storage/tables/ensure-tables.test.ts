import { z } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../database/database.js'
import { ensureTables } from './ensure-tables.js'
import { tableSqlName } from './physical-names.js'
import { createTableStore } from './table-store.js'
import { orders, ordersTable } from '../testing/orders-table.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'

async function columnsOf(db: Database, table: string): Promise<Record<string, string>> {
  const { rows } = await db.query<{ column_name: string; data_type: string; is_nullable: string }>(
    `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  )
  return Object.fromEntries(rows.map((row) => [row.column_name, `${row.data_type}${row.is_nullable === 'NO' ? ' not null' : ''}`]))
}

async function indexedColumns(db: Database, table: string): Promise<string[]> {
  const { rows } = await db.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1`, [table])
  return rows.map((row) => /\((.+)\)$/.exec(row.indexdef)![1]!).sort()
}

describe.each(testDrivers())('ensureTables on $name', (driver) => {
  let testDb: TestDatabase
  let db: Database
  beforeAll(async () => {
    testDb = await openMigrated(driver)
    db = testDb.db
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  it('creates one table per bot table, with a typed column per field', async () => {
    await ensureTables(db, 'bot-a', { orders: ordersTable })
    expect(await columnsOf(db, tableSqlName('bot-a', 'orders'))).toEqual({
      id: 'bigint not null', created_at: 'timestamp with time zone not null', updated_at: 'timestamp with time zone not null',
      customer: 'text not null', status: 'text not null', amount: 'double precision not null', quantity: 'double precision not null',
      paid: 'boolean not null', note: 'text', coupon: 'text', placedOn: 'timestamp with time zone', meta: 'jsonb', lines: 'jsonb',
    })
  })

  it('turns each declared index into a real index', async () => {
    await ensureTables(db, 'bot-a', { orders: ordersTable })
    expect(await indexedColumns(db, tableSqlName('bot-a', 'orders'))).toEqual(['customer', 'id', 'status'])
  })

  it('is safe to run again, and keeps the rows', async () => {
    await ensureTables(db, 'bot-again', { orders: ordersTable })
    await createTableStore(db, 'bot-again', { orders: ordersTable }).createRows({ table: 'orders', rows: orders })
    await ensureTables(db, 'bot-again', { orders: ordersTable })
    expect((await createTableStore(db, 'bot-again', { orders: ordersTable }).findRows({ table: 'orders' })).total).toBe(5)
  })

  it('is safe when several processes ensure the same tables at once', async () => {
    const others = await Promise.all([testDb.openAnother(), testDb.openAnother()])
    await Promise.all([db, ...others].map((each) => ensureTables(each, 'bot-race', { orders: ordersTable })))
    expect(await indexedColumns(db, tableSqlName('bot-race', 'orders'))).toEqual(['customer', 'id', 'status'])
  })

  it('keeps each bot\'s table of the same name apart', async () => {
    await ensureTables(db, 'bot-x', { orders: ordersTable })
    await ensureTables(db, 'bot-y', { orders: ordersTable })
    await createTableStore(db, 'bot-x', { orders: ordersTable }).createRows({ table: 'orders', rows: orders.slice(0, 2) })
    expect((await createTableStore(db, 'bot-y', { orders: ordersTable }).findRows({ table: 'orders' })).total).toBe(0)
    expect(tableSqlName('bot-x', 'orders')).not.toBe(tableSqlName('bot-y', 'orders'))
  })

  describe('when a definition changes', () => {
    const v1 = { schema: z.object({ name: z.string(), legacy: z.string() }) }
    const v2 = { schema: z.object({ name: z.string(), email: z.string(), score: z.number().optional() }), indexes: ['email'] }
    const sqlName = tableSqlName('bot-evolve', 'people')

    it('adds new fields as columns and new indexes, keeping rows and the columns of removed fields', async () => {
      await ensureTables(db, 'bot-evolve', { people: v1 })
      await createTableStore(db, 'bot-evolve', { people: v1 }).createRows({ table: 'people', rows: [{ name: 'Ada', legacy: 'kept' }] })
      await ensureTables(db, 'bot-evolve', { people: v2 })
      expect(await columnsOf(db, sqlName)).toMatchObject({ name: 'text not null', legacy: 'text', email: 'text', score: 'double precision' })
      expect(await indexedColumns(db, sqlName)).toEqual(['email', 'id'])
      expect((await db.query(`SELECT name, legacy, email FROM "${sqlName}"`)).rows).toEqual([{ name: 'Ada', legacy: 'kept', email: null }])
    })

    it('accepts rows of the new schema, and reads old rows without the fields they lack', async () => {
      const people = createTableStore(db, 'bot-evolve', { people: v2 })
      await people.createRows({ table: 'people', rows: [{ name: 'Bo', email: 'bo@example.com' }] })
      const { rows } = await people.findRows({ table: 'people' })
      expect(rows.map(({ id, createdAt, updatedAt, ...fields }) => fields)).toEqual([{ name: 'Ada' }, { name: 'Bo', email: 'bo@example.com' }])
    })

    it('refuses a field whose type changed, and changes nothing', async () => {
      const v3 = { schema: z.object({ name: z.number() }) }
      const failing = ensureTables(db, 'bot-evolve', { brandNew: v1, people: v3 })
      await expect(failing).rejects.toMatchObject({
        code: 'TABLE_SCHEMA_CONFLICT',
        message: 'table "people", field "name": the schema now makes it double precision, but the database holds text values in it; ' +
          'Parley never converts or drops stored data, so rename the field (the old column is kept) or change its type back',
      })
      expect(await columnsOf(db, tableSqlName('bot-evolve', 'brandNew'))).toEqual({})
    })
  })

  describe('refuses a schema it cannot store', () => {
    it.each([
      ['a reserved field name', { schema: z.object({ createdAt: z.string() }) }, 'table "t", field "createdAt": the name is reserved'],
      ['a bigint field', { schema: z.object({ big: z.bigint() }) }, 'table "t", field "big": z.bigint() cannot be stored; use z.number().int() or a string'],
      ['an index on a missing column', { schema: z.object({ a: z.string() }), indexes: ['b'] }, 'table "t" has an index on "b", which is not one of its columns (id, createdAt, updatedAt, a)'],
      ['a field name too long for PostgreSQL', { schema: z.object({ ['x'.repeat(64)]: z.string() }) }, 'names of fields are at most 63 bytes long'],
    ])('%s', async (_, definition, message) => {
      await expect(ensureTables(db, 'bot-bad', { t: definition })).rejects.toMatchObject({ code: 'TABLE_SCHEMA_INVALID', message: expect.stringContaining(message) })
    })
  })

  it('says to run ensureTables when a table was never created', async () => {
    await expect(createTableStore(db, 'bot-new', { orders: ordersTable }).findRows({ table: 'orders' })).rejects.toMatchObject({
      code: 'TABLE_UNKNOWN', message: 'table "orders" of bot "bot-new" is not in the database yet; run ensureTables with the bot\'s table definitions first',
    })
  })

  it('stores fields whose names need quoting', async () => {
    const odd = { schema: z.object({ 'first name': z.string(), 'say "hi"': z.string().optional(), Mixed: z.number() }), indexes: ['first name'] }
    await ensureTables(db, 'bot-odd', { odd })
    const store = createTableStore(db, 'bot-odd', { odd })
    await store.createRows({ table: 'odd', rows: [{ 'first name': 'Ada', 'say "hi"': 'hello', Mixed: 1 }, { 'first name': 'Bo', Mixed: 2 }] })
    const { rows } = await store.findRows({ table: 'odd', filter: { 'say "hi"': 'hello' }, orderBy: { column: 'Mixed', direction: 'desc' } })
    expect(rows).toMatchObject([{ 'first name': 'Ada', 'say "hi"': 'hello', Mixed: 1 }])
  })
})
