import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureTables } from './ensure-tables.js'
import { tableSqlName } from './physical-names.js'
import { createTableStore, type TableStore } from './table-store.js'
import { orders, ordersTable } from '../testing/orders-table.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'

// Upper case before lower case, accents after both: code point order, whatever the database's collation.
const NAMES = ['b', 'é', 'Z', 'a', 'B', 'ab', 'A b']
const CODE_POINT_ORDER = ['A b', 'B', 'Z', 'a', 'ab', 'b', 'é']

describe.each(testDrivers())('text in tables compares by code point on $name', (driver) => {
  let testDb: TestDatabase
  let store: TableStore
  beforeAll(async () => {
    testDb = await openMigrated(driver)
    await ensureTables(testDb.db, 'bot-text', { orders: ordersTable })
    store = createTableStore(testDb.db, 'bot-text', { orders: ordersTable })
    // A server whose collation is a language's, as many are: PGlite has no other than "C" to try.
    if (driver.name === 'postgres') await testDb.db.query(`ALTER TABLE "${tableSqlName('bot-text', 'orders')}" ALTER COLUMN customer TYPE text COLLATE "en-US-x-icu"`)
    await store.createRows({ table: 'orders', rows: NAMES.map((customer) => ({ ...orders[0]!, customer })) })
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  const customers = async (query: Omit<Parameters<TableStore['findRows']>[0], 'table'>) =>
    (await store.findRows({ table: 'orders', ...query })).rows.map((row) => row['customer'])

  it('orders text ascending and descending by code point', async () => {
    expect(await customers({ orderBy: { column: 'customer' } })).toEqual(CODE_POINT_ORDER)
    expect(await customers({ orderBy: { column: 'customer', direction: 'desc' } })).toEqual([...CODE_POINT_ORDER].reverse())
  })

  it('compares text by code point in $gt, $gte, $lt and $lte', async () => {
    expect(await customers({ filter: { customer: { $gt: 'Z' } }, orderBy: { column: 'customer' } })).toEqual(['a', 'ab', 'b', 'é'])
    expect(await customers({ filter: { customer: { $gte: 'B', $lt: 'a' } }, orderBy: { column: 'customer' } })).toEqual(['B', 'Z'])
    expect(await customers({ filter: { customer: { $lte: 'A b' } } })).toEqual(['A b'])
  })

  it('groups, and takes $min and $max of text, by code point', async () => {
    const groups = await store.aggregate({ table: 'orders', groupBy: ['customer'], aggregates: { n: { $count: true } } })
    expect(groups.map((group) => group['customer'])).toEqual(CODE_POINT_ORDER)
    const [extremes] = await store.aggregate({ table: 'orders', aggregates: { first: { $min: 'customer' }, last: { $max: 'customer' } } })
    expect(extremes).toEqual({ first: 'A b', last: 'é' })
  })
})
