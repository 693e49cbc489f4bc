import { z } from '@parley/sdk'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ensureTables } from './ensure-tables.js'
import { createTableStore, type TableStore } from './table-store.js'
import { TableRowError } from '../errors/table-errors.js'
import { orders, ordersTable } from '../testing/orders-table.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'

const contacts = { schema: z.object({ email: z.string().email(), name: z.string(), visits: z.number().default(0) }), indexes: ['email'] }
const tables = { orders: ordersTable, contacts }

describe.each(testDrivers())('table rows on $name', (driver) => {
  let testDb: TestDatabase
  let store: TableStore
  beforeAll(async () => {
    testDb = await openMigrated(driver)
    await ensureTables(testDb.db, 'bot-a', tables)
    store = createTableStore(testDb.db, 'bot-a', tables)
  }, STARTUP_TIMEOUT)
  beforeEach(async () => {
    await store.deleteRows({ table: 'orders', all: true })
    await store.deleteRows({ table: 'contacts', all: true })
  })
  afterAll(() => testDb.dispose())

  const count = async (table = 'orders') => (await store.findRows({ table })).total

  describe('createRows', () => {
    it('returns the rows as stored: ids, timestamps, defaults applied, empty optional fields left out, empty nullable ones null', async () => {
      const [first, second] = await store.createRows({ table: 'orders', rows: orders.slice(0, 2) })
      expect(first).toEqual({
        id: expect.any(Number), createdAt: expect.any(String), updatedAt: expect.any(String), customer: 'ada', status: 'paid', amount: 120.5,
        quantity: 2, paid: true, note: 'gift', coupon: null, placedOn: new Date('2024-01-10T00:00:00Z'), meta: { source: 'web' }, lines: [],
      })
      expect(second!.id).toBeGreaterThan(first!.id)
      expect(second!.lines).toEqual([{ sku: 'b1', qty: 1 }])
    })

    it('reads an empty nullable field as null, and an empty optional one as absent', async () => {
      const [row] = await store.createRows({ table: 'orders', rows: [orders[3]!] })
      expect(row).toMatchObject({ coupon: null })
      expect(row).not.toHaveProperty('placedOn')
    })

    it('reads back what it wrote, Dates as Dates', async () => {
      const [created] = await store.createRows({ table: 'orders', rows: [orders[0]!] })
      const read = await store.getRow({ table: 'orders', id: created!.id })
      expect(read).toEqual(created)
      expect(read!['placedOn']).toBeInstanceOf(Date)
      expect(ordersTable.schema.safeParse(read).success).toBe(true)
    })

    it('ignores id, createdAt and updatedAt given in a row', async () => {
      const [created] = await store.createRows({ table: 'orders', rows: [{ ...orders[0]!, id: 999_999, createdAt: '2000-01-01T00:00:00.000Z' }] })
      expect(created!.id).not.toBe(999_999)
      expect(created!.createdAt).not.toBe('2000-01-01T00:00:00.000Z')
    })

    it('writes nothing when any row is invalid, naming the table, the row and the field', async () => {
      const failing = store.createRows({ table: 'orders', rows: [orders[0]!, { ...orders[1]!, amount: 'thirty' }] })
      await expect(failing).rejects.toBeInstanceOf(TableRowError)
      await expect(failing).rejects.toMatchObject({
        code: 'ROW_INVALID', table: 'orders', location: 'rows[1]',
        message: 'table "orders", rows[1]: field "amount": Expected number, received string; no row was written',
      })
      expect(await count()).toBe(0)
    })

    it('names nested fields by their path, and every problem of the row', async () => {
      const row = { ...orders[0]!, status: 'lost', lines: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 'two' }] }
      await expect(store.createRows({ table: 'orders', rows: [row] })).rejects.toMatchObject({
        message: expect.stringMatching(/^table "orders", rows\[0\]: field "status": Invalid enum value.*; field "lines\.1\.qty": Expected number, received string; no row was written$/),
      })
    })

    it('refuses a field the schema does not have, rather than dropping it', async () => {
      await expect(store.createRows({ table: 'orders', rows: [{ ...orders[0]!, nots: 'typo' }] })).rejects.toMatchObject({
        message: 'table "orders", rows[0]: field "nots": not a field of this table (fields: customer, status, amount, quantity, paid, note, coupon, placedOn, meta, lines); no row was written',
      })
    })

    it('writes a large batch in one call', async () => {
      const rows = Array.from({ length: 1500 }, (_, i) => ({ email: `u${i}@example.com`, name: `User ${i}` }))
      expect(await store.createRows({ table: 'contacts', rows })).toHaveLength(1500)
      expect(await store.findRows({ table: 'contacts' })).toMatchObject({ total: 1500 })
      expect((await store.findRows({ table: 'contacts' })).rows).toHaveLength(100)
    })

    it('refuses a table the bot does not have, listing those it has', async () => {
      await expect(store.createRows({ table: 'order', rows: [] })).rejects.toMatchObject({
        code: 'TABLE_UNKNOWN', message: 'bot "bot-a" has no table "order"; its declared tables are: orders, contacts, and code created none of that name (createTable)',
      })
    })
  })

  describe('getRow', () => {
    it('returns undefined for an id that is not there', async () => {
      expect(await store.getRow({ table: 'orders', id: 123_456 })).toBeUndefined()
    })
  })

  describe('updateRows', () => {
    it('sets the given fields of the rows with the given ids, and keeps the others', async () => {
      const [a, b, c] = await store.createRows({ table: 'orders', rows: orders.slice(0, 3) })
      const updated = await store.updateRows({ table: 'orders', ids: [c!.id, a!.id], patch: { status: 'cancelled', note: 'refunded' } })
      expect(updated.map((row) => [row.id, row['status'], row['note'], row['customer']])).toEqual([[a!.id, 'cancelled', 'refunded', 'ada'], [c!.id, 'cancelled', 'refunded', 'cy']])
      expect(updated[0]!.updatedAt >= a!.updatedAt).toBe(true)
      expect(updated[0]!.createdAt).toBe(a!.createdAt)
      expect(await store.getRow({ table: 'orders', id: b!.id })).toEqual(b)
    })

    it('updates the rows matching a filter', async () => {
      await store.createRows({ table: 'orders', rows: orders })
      const updated = await store.updateRows({ table: 'orders', filter: { customer: 'ada' }, patch: { paid: true } })
      expect(updated.map((row) => row['amount'])).toEqual([120.5, 10])
      expect((await store.findRows({ table: 'orders', filter: { paid: true } })).total).toBe(3)
    })

    it('empties a field given null: a nullable one reads as null, an optional one as absent', async () => {
      const [row] = await store.createRows({ table: 'orders', rows: [{ ...orders[2]!, note: 'fragile' }] })
      const [updated] = await store.updateRows({ table: 'orders', ids: [row!.id], patch: { coupon: null, note: null } })
      expect(updated!['coupon']).toBeNull()
      expect(updated).not.toHaveProperty('note')
    })

    it('refuses null for a field that cannot be empty', async () => {
      const [row] = await store.createRows({ table: 'orders', rows: [orders[2]!] })
      await expect(store.updateRows({ table: 'orders', ids: [row!.id], patch: { customer: null } })).rejects.toMatchObject({
        message: 'table "orders", patch: field "customer": Expected string, received null; no row was written',
      })
    })

    it('changes nothing when the patch is invalid, naming the field', async () => {
      const [row] = await store.createRows({ table: 'orders', rows: [orders[0]!] })
      await expect(store.updateRows({ table: 'orders', ids: [row!.id], patch: { status: 'open', amount: 'x' } })).rejects.toMatchObject({
        code: 'ROW_INVALID', message: 'table "orders", patch: field "amount": Expected number, received string; no row was written',
      })
      await expect(store.updateRows({ table: 'orders', ids: [row!.id], patch: { customer: 42 } })).rejects.toMatchObject({
        message: 'table "orders", patch: field "customer": Expected string, received number; no row was written',
      })
      expect(await store.getRow({ table: 'orders', id: row!.id })).toEqual(row)
    })

    it('needs either ids or a filter', async () => {
      const query = { table: 'orders', patch: { paid: true } } as unknown as Parameters<TableStore['updateRows']>[0]
      await expect(store.updateRows(query)).rejects.toMatchObject({ code: 'QUERY_INVALID', message: expect.stringContaining('give either ids or filter') })
    })
  })

  describe('upsertRows', () => {
    it('updates the rows with the same key and inserts the others', async () => {
      await store.createRows({ table: 'contacts', rows: [{ email: 'ada@example.com', name: 'Ada', visits: 3 }] })
      const result = await store.upsertRows({
        table: 'contacts', keyColumn: 'email',
        rows: [{ email: 'ada@example.com', name: 'Ada L.' }, { email: 'bo@example.com', name: 'Bo' }],
      })
      expect(result.updated).toMatchObject([{ email: 'ada@example.com', name: 'Ada L.', visits: 3 }])
      expect(result.inserted).toMatchObject([{ email: 'bo@example.com', name: 'Bo', visits: 0 }])
      expect(await count('contacts')).toBe(2)
    })

    it('lets a later row of the same call update an earlier one', async () => {
      const result = await store.upsertRows({ table: 'contacts', keyColumn: 'email', rows: [{ email: 'x@example.com', name: 'One' }, { email: 'x@example.com', name: 'Two' }] })
      expect(result.inserted).toHaveLength(1)
      expect(result.updated).toMatchObject([{ name: 'Two' }])
      expect(await count('contacts')).toBe(1)
    })

    it('inserts a key only once when several processes upsert it at the same time', async () => {
      const others = await Promise.all([testDb.openAnother(), testDb.openAnother(), testDb.openAnother()])
      const stores = [store, ...others.map((db) => createTableStore(db, 'bot-a', tables))]
      await Promise.all(stores.map((each, i) => each.upsertRows({ table: 'contacts', keyColumn: 'email', rows: [{ email: 'race@example.com', name: `P${i}` }] })))
      expect(await count('contacts')).toBe(1)
    })

    it('writes nothing when a row is invalid or has no key', async () => {
      const rows = [{ ...orders[0]!, note: 'first' }, orders[1]!]
      await expect(store.upsertRows({ table: 'orders', keyColumn: 'note', rows })).rejects.toMatchObject({
        code: 'ROW_INVALID', message: 'table "orders", rows[1]: field "note": the key column needs a value, to find the row to update; no row was written',
      })
      await expect(store.upsertRows({ table: 'contacts', keyColumn: 'email', rows: [{ email: 'ok@example.com', name: 'Ok' }, { email: 'not an email', name: 'X' }] })).rejects.toMatchObject({ location: 'rows[1]' })
      expect(await count('orders') + await count('contacts')).toBe(0)
    })

    it('refuses an unknown or system key column', async () => {
      await expect(store.upsertRows({ table: 'contacts', keyColumn: 'mail', rows: [] })).rejects.toMatchObject({ code: 'COLUMN_UNKNOWN', message: expect.stringContaining('no column "mail" (in keyColumn)') })
      await expect(store.upsertRows({ table: 'contacts', keyColumn: 'id', rows: [] })).rejects.toMatchObject({ code: 'QUERY_INVALID' })
    })
  })

  describe('deleteRows', () => {
    it('deletes by ids, by filter, or all, and says how many', async () => {
      const created = await store.createRows({ table: 'orders', rows: orders })
      expect(await store.deleteRows({ table: 'orders', ids: [created[0]!.id, created[1]!.id] })).toEqual({ deleted: 2 })
      expect(await store.getRow({ table: 'orders', id: created[0]!.id })).toBeUndefined()
      expect(await store.deleteRows({ table: 'orders', filter: { status: 'paid' } })).toEqual({ deleted: 1 })
      expect(await store.deleteRows({ table: 'orders', all: true })).toEqual({ deleted: 2 })
      expect(await count()).toBe(0)
    })

    it('needs ids, a filter, or all: true', async () => {
      await store.createRows({ table: 'orders', rows: orders })
      const query = { table: 'orders' } as unknown as Parameters<TableStore['deleteRows']>[0]
      await expect(store.deleteRows(query)).rejects.toMatchObject({ code: 'QUERY_INVALID', message: expect.stringContaining('deleting every row takes all: true') })
      expect(await count()).toBe(5)
    })
  })
})
