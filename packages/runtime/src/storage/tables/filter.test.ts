import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureTables } from './ensure-tables.js'
import { createTableStore, type TableStore } from './table-store.js'
import type { Filter, OrderBy } from './types.js'
import { orders, ordersTable } from '../testing/orders-table.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'

describe.each(testDrivers())('table filters and ordering on $name', (driver) => {
  let testDb: TestDatabase
  let store: TableStore
  let ids: number[]
  beforeAll(async () => {
    testDb = await openMigrated(driver)
    await ensureTables(testDb.db, 'bot-a', { orders: ordersTable })
    store = createTableStore(testDb.db, 'bot-a', { orders: ordersTable })
    ids = (await store.createRows({ table: 'orders', rows: orders })).map((row) => row.id)
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  /** The amounts of the matching orders, in id order: each amount names one order. */
  const amounts = async (filter: Filter, orderBy?: OrderBy | OrderBy[]) =>
    (await store.findRows({ table: 'orders', filter, orderBy })).rows.map((row) => row['amount'])

  describe('column conditions', () => {
    it.each<[string, Filter, number[]]>([
      ['an empty filter matches every row', {}, [120.5, 30, 75, 10, 200]],
      ['a plain value means $eq', { customer: 'ada' }, [120.5, 10]],
      ['$eq', { customer: { $eq: 'bob' } }, [30]],
      ['$ne', { status: { $ne: 'paid' } }, [30, 75, 10]],
      ['$ne matches empty values too', { note: { $ne: 'gift' } }, [30, 75, 10, 200]],
      ['null finds empty values', { note: null }, [30, 75, 200]],
      ['$eq null finds empty values', { note: { $eq: null } }, [30, 75, 200]],
      ['$ne null finds values that are set', { note: { $ne: null } }, [120.5, 10]],
      ['$gt', { amount: { $gt: 75 } }, [120.5, 200]],
      ['$gte', { amount: { $gte: 75 } }, [120.5, 75, 200]],
      ['$lt', { amount: { $lt: 30 } }, [10]],
      ['$lte', { amount: { $lte: 30 } }, [30, 10]],
      ['several operators on one column all hold', { amount: { $gt: 20, $lt: 100 } }, [30, 75]],
      ['ranges on text', { customer: { $gte: 'c' } }, [75, 200]],
      ['ranges on dates, given as Date', { placedOn: { $gte: new Date('2024-02-01T00:00:00Z') } }, [30, 200]],
      ['ranges on dates, given as ISO strings', { placedOn: { $lt: '2024-02-01T00:00:00Z' } }, [120.5]],
      ['ranges on createdAt', { createdAt: { $gt: '2000-01-01T00:00:00Z' } }, [120.5, 30, 75, 10, 200]],
      ['$in', { status: { $in: ['open', 'cancelled'] } }, [30, 75, 10]],
      ['$in with an empty list matches nothing', { status: { $in: [] } }, []],
      ['$nin', { status: { $nin: ['paid', 'open'] } }, [75]],
      ['$nin matches empty values too', { coupon: { $nin: ['SPRING'] } }, [120.5, 30, 10, 200]],
      ['$nin with an empty list matches everything', { status: { $nin: [] } }, [120.5, 30, 75, 10, 200]],
      ['booleans', { paid: true }, [120.5, 200]],
      ['JSON columns by value', { meta: { source: 'web' } }, [120.5, 10]],
      ['JSON columns with $in', { meta: { $in: [{ source: 'app' }] } }, [30]],
      ['JSON arrays by value', { lines: [] }, [120.5, 75, 10, 200]],
      ['several columns all hold', { customer: 'ada', paid: false }, [10]],
      ['undefined conditions are left out', { customer: undefined, paid: true }, [120.5, 200]],
      ['values are data, never SQL', { customer: "x' OR '1'='1" }, []],
    ])('%s', async (_, filter, expected) => {
      expect(await amounts(filter)).toEqual(expected)
    })

    it('filters by id', async () => {
      expect(await amounts({ id: { $in: [ids[0]!, ids[2]!] } })).toEqual([120.5, 75])
    })
  })

  describe('combinators', () => {
    it.each<[string, Filter, number[]]>([
      ['$and', { $and: [{ customer: 'ada' }, { amount: { $gt: 50 } }] }, [120.5]],
      ['$or', { $or: [{ customer: 'bob' }, { amount: { $gte: 200 } }] }, [30, 200]],
      ['$not', { $not: { status: 'paid' } }, [30, 75, 10]],
      ['$not matches rows whose value is empty', { $not: { note: 'gift' } }, [30, 75, 10, 200]],
      ['nested combinators', { $or: [{ $and: [{ customer: 'ada' }, { paid: false }] }, { $not: { amount: { $lt: 100 } } }] }, [120.5, 10, 200]],
      ['combinators beside columns', { paid: false, $or: [{ customer: 'bob' }, { customer: 'cy' }] }, [30, 75]],
      ['an empty $and matches everything', { $and: [] }, [120.5, 30, 75, 10, 200]],
      ['an empty $or matches nothing', { $or: [] }, []],
    ])('%s', async (_, filter, expected) => {
      expect(await amounts(filter)).toEqual(expected)
    })
  })

  describe('ordering and paging', () => {
    it('orders by a column, either way', async () => {
      expect(await amounts({}, { column: 'amount', direction: 'desc' })).toEqual([200, 120.5, 75, 30, 10])
      expect(await amounts({}, { column: 'amount' })).toEqual([10, 30, 75, 120.5, 200])
    })

    it('orders by several columns', async () => {
      expect(await amounts({}, [{ column: 'customer' }, { column: 'amount', direction: 'desc' }])).toEqual([120.5, 10, 30, 75, 200])
    })

    it('puts empty values last when ascending, first when descending', async () => {
      expect(await amounts({}, { column: 'note' })).toEqual([120.5, 10, 30, 75, 200])
      expect(await amounts({}, { column: 'note', direction: 'desc' })).toEqual([30, 75, 200, 10, 120.5])
    })

    it('pages through rows in order with the total on every page, breaking ties by id', async () => {
      const page = (offset: number) => store.findRows({ table: 'orders', orderBy: { column: 'paid' }, limit: 2, offset })
      const pages = await Promise.all([page(0), page(2), page(4)])
      expect(pages.map((p) => p.total)).toEqual([5, 5, 5])
      expect(pages.flatMap((p) => p.rows.map((row) => row['amount']))).toEqual([30, 75, 10, 120.5, 200])
    })

    it('counts the total of a filter, not of the page', async () => {
      expect(await store.findRows({ table: 'orders', filter: { paid: false }, limit: 1 })).toMatchObject({ total: 3, rows: [{ amount: 30 }] })
    })
  })

  describe('refuses a query it cannot run, saying why', () => {
    const columns = 'id, createdAt, updatedAt, customer, status, amount, quantity, paid, note, coupon, placedOn, meta, lines'

    it('an unknown column in a filter names the table, the column and the columns there are', async () => {
      await expect(amounts({ custmer: 'ada' })).rejects.toMatchObject({
        code: 'COLUMN_UNKNOWN', table: 'orders', message: `table "orders" has no column "custmer" (in filter); its columns are: ${columns}`,
      })
    })

    it('an unknown column deep in combinators', async () => {
      await expect(amounts({ $or: [{ customer: 'ada' }, { $not: { totl: 1 } }] })).rejects.toMatchObject({ code: 'COLUMN_UNKNOWN', message: expect.stringContaining('no column "totl" (in filter)') })
    })

    it('an unknown column in orderBy', async () => {
      await expect(amounts({}, { column: 'price' })).rejects.toMatchObject({ code: 'COLUMN_UNKNOWN', message: `table "orders" has no column "price" (in orderBy); its columns are: ${columns}` })
    })

    it.each<[string, Filter, string]>([
      ['an unknown operator', { customer: { $like: 'a%' } }, 'table "orders", filter on "customer": unknown operator "$like"; use $eq, $ne, $gt, $gte, $lt, $lte, $in, $nin'],
      ['an unknown combinator', { $nor: [] }, 'table "orders", filter: "$nor" is not a combinator; use $and, $or or $not, or name a column'],
      ['a value of the wrong type', { amount: { $gt: 'abc' } }, 'table "orders", filter on "amount" ($gt): expected a finite number, got string "abc"'],
      ['a date that is not one', { placedOn: 'soon' }, 'table "orders", filter on "placedOn" ($eq): expected a Date or an ISO 8601 date string, got string "soon"'],
      ['an order comparison on booleans', { paid: { $gt: false } }, 'table "orders", filter on "paid" ($gt): only text, number and date columns can be compared by order'],
      ['$in without an array', { status: { $in: 'open' } }, 'table "orders", filter on "status" ($in): expected an array of values, got string "open"'],
      ['null with a range', { amount: { $lt: null } }, 'table "orders", filter on "amount" ($lt): null only works with $eq and $ne, to find empty values'],
      ['$or without an array', { $or: { customer: 'ada' } } as unknown as Filter, 'table "orders", filter: $or takes an array of filters, got object {"customer":"ada"}'],
    ])('%s', async (_, filter, message) => {
      await expect(amounts(filter)).rejects.toMatchObject({ code: 'QUERY_INVALID', message })
    })

    it('an order direction that is not asc or desc', async () => {
      await expect(amounts({}, { column: 'amount', direction: 'up' as 'asc' })).rejects.toMatchObject({ code: 'QUERY_INVALID', message: expect.stringContaining('direction "up" is not allowed') })
    })

    it('a page size out of range', async () => {
      await expect(store.findRows({ table: 'orders', limit: 0 })).rejects.toMatchObject({ code: 'PAGE_INVALID' })
    })
  })
})
