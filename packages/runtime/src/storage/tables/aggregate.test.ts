import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureTables } from './ensure-tables.js'
import { createTableStore, type TableStore } from './table-store.js'
import type { AggregateQuery } from './types.js'
import { orders, ordersTable } from '../testing/orders-table.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'

describe.each(testDrivers())('table aggregates on $name', (driver) => {
  let testDb: TestDatabase
  let store: TableStore
  beforeAll(async () => {
    testDb = await openMigrated(driver)
    await ensureTables(testDb.db, 'bot-a', { orders: ordersTable, empty: ordersTable })
    store = createTableStore(testDb.db, 'bot-a', { orders: ordersTable, empty: ordersTable })
    await store.createRows({ table: 'orders', rows: orders })
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  const aggregate = (query: Omit<AggregateQuery, 'table'>) => store.aggregate({ table: 'orders', ...query })

  it('counts all rows as one group without groupBy', async () => {
    expect(await aggregate({ aggregates: { orders: { $count: true } } })).toEqual([{ orders: 5 }])
  })

  it('computes every aggregate per group, groups ordered by their keys', async () => {
    const rows = await aggregate({
      groupBy: ['status'],
      aggregates: { n: { $count: true }, total: { $sum: 'amount' }, mean: { $avg: 'amount' }, least: { $min: 'amount' }, most: { $max: 'amount' } },
    })
    expect(rows).toEqual([
      { status: 'cancelled', n: 1, total: 75, mean: 75, least: 75, most: 75 },
      { status: 'open', n: 2, total: 40, mean: 20, least: 10, most: 30 },
      { status: 'paid', n: 2, total: 320.5, mean: 160.25, least: 120.5, most: 200 },
    ])
  })

  it('groups by several columns', async () => {
    expect(await aggregate({ groupBy: ['customer', 'paid'], aggregates: { n: { $count: true } } })).toEqual([
      { customer: 'ada', paid: false, n: 1 }, { customer: 'ada', paid: true, n: 1 }, { customer: 'bob', paid: false, n: 1 },
      { customer: 'cy', paid: false, n: 1 }, { customer: 'dee', paid: true, n: 1 },
    ])
  })

  it('aggregates only the rows matching the filter', async () => {
    expect(await aggregate({ filter: { amount: { $gte: 30 } }, groupBy: ['paid'], aggregates: { total: { $sum: 'quantity' } } })).toEqual([
      { paid: false, total: 4 }, { paid: true, total: 7 },
    ])
  })

  it('counts the values of a column, leaving out empty ones', async () => {
    expect(await aggregate({ aggregates: { rows: { $count: true }, notes: { $count: 'note' } } })).toEqual([{ rows: 5, notes: 2 }])
  })

  it('returns the smallest and largest of dates and text as they are read', async () => {
    const [row] = await aggregate({ aggregates: { first: { $min: 'placedOn' }, last: { $max: 'placedOn' }, name: { $min: 'customer' }, created: { $min: 'createdAt' } } })
    expect(row).toEqual({ first: new Date('2024-01-10T00:00:00Z'), last: new Date('2024-03-05T00:00:00Z'), name: 'ada', created: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) })
  })

  it('groups by a JSON column and returns groups without aggregates', async () => {
    expect(await aggregate({ groupBy: ['meta'], aggregates: {} })).toEqual([{ meta: { source: 'app' } }, { meta: { source: 'web' } }, { meta: null }])
  })

  it('returns one row of zero and nulls when nothing matches, and no groups', async () => {
    const query = { aggregates: { n: { $count: true }, total: { $sum: 'amount' } } } as const
    expect(await store.aggregate({ table: 'empty', ...query })).toEqual([{ n: 0, total: null }])
    expect(await store.aggregate({ table: 'empty', groupBy: ['status'], ...query })).toEqual([])
  })

  describe('refuses an aggregate it cannot compute, saying why', () => {
    it.each<[string, Omit<AggregateQuery, 'table'>, string, string]>([
      ['a sum of text', { aggregates: { s: { $sum: 'customer' } } }, 'QUERY_INVALID', 'table "orders", aggregate "s": $sum needs a number column, and "customer" holds text values'],
      ['an unknown column in groupBy', { groupBy: ['state'], aggregates: {} }, 'COLUMN_UNKNOWN', 'table "orders" has no column "state" (in groupBy)'],
      ['an unknown column in an aggregate', { aggregates: { s: { $max: 'price' } } }, 'COLUMN_UNKNOWN', 'table "orders" has no column "price" (in aggregate "s")'],
      ['two operators in one aggregate', { aggregates: { s: { $sum: 'amount', $avg: 'amount' } as never } }, 'QUERY_INVALID', 'aggregate "s": give exactly one of $count, $sum, $avg, $min, $max'],
      ['an unknown operator', { aggregates: { s: { $median: 'amount' } as never } }, 'QUERY_INVALID', 'aggregate "s": give exactly one of'],
      ['a result named like a group column', { groupBy: ['status'], aggregates: { status: { $count: true } } }, 'QUERY_INVALID', 'aggregate "status" has the name of a groupBy column'],
      ['nothing to compute', { aggregates: {} }, 'QUERY_INVALID', 'aggregate: give groupBy columns, aggregates, or both'],
    ])('%s', async (_, query, code, message) => {
      await expect(aggregate(query)).rejects.toMatchObject({ code, message: expect.stringContaining(message) })
    })
  })
})
