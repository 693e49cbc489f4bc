import { BotDefinition, BotImplementation, PluginDefinition, PluginImplementation, z } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { createTestBot } from '../src/testing/index.js'

const crm = new PluginDefinition({
  name: 'crm', version: '1.0.0',
  tables: {
    customers: { schema: z.object({ email: z.string().email(), name: z.string(), visits: z.number() }), indexes: ['email'] },
  },
  actions: { add: { input: { schema: z.object({ email: z.string(), name: z.string() }) }, output: { schema: z.object({ id: z.number() }) } } },
})

function composed() {
  const plugin = new PluginImplementation({
    actions: {
      add: async ({ input, tables }) => ({ id: (await tables.customers.createRows([{ ...input, visits: 1 }])).rows[0].id }),
    },
  })
  const definition = new BotDefinition({})
  definition.addPlugin({ definition: crm, implementation: plugin }, { alias: 'people' })
  return { definition, implementation: new BotImplementation({ actions: {} }) }
}

describe('tables', () => {
  it('are shared by name: a plugin\'s table is the bot\'s, also as `crm:customers`', async () => {
    const bot = await createTestBot(composed())
    await bot.callAction('people:add', { email: 'ada@example.com', name: 'Ada' })
    await bot.client.createTableRows({ table: 'crm:customers', rows: [{ email: 'bob@example.com', name: 'Bob', visits: 3 }] })
    const { rows, total } = await bot.client.findTableRows({ table: 'customers', filter: { visits: { $gte: 2 } } })
    expect([rows.map((row) => row.name), total]).toEqual([['Bob'], 1])
    await bot.stop()
  })

  it('find, update, upsert, aggregate and delete rows', async () => {
    const bot = await createTestBot(composed())
    const { client } = bot
    await client.createTableRows({ table: 'customers', rows: [{ email: 'a@x.io', name: 'A', visits: 1 }, { email: 'b@x.io', name: 'B', visits: 2 }] })
    await client.updateTableRows({ table: 'customers', filter: { email: 'a@x.io' }, patch: { visits: 5 } })
    const upserted = await client.upsertTableRows({ table: 'customers', keyColumn: 'email', rows: [{ email: 'b@x.io', name: 'B2', visits: 2 }, { email: 'c@x.io', name: 'C', visits: 1 }] })
    expect([upserted.inserted.length, upserted.updated.length]).toEqual([1, 1])
    const sorted = await client.findTableRows({ table: 'customers', orderBy: [{ column: 'visits', direction: 'desc' }], limit: 2 })
    expect(sorted.rows.map((row) => row.name)).toEqual(['A', 'B2'])
    const { rows: [sum] } = await client.aggregateTableRows({ table: 'customers', groupBy: [], aggregates: { total: { $sum: 'visits' } } })
    expect(Number(sum?.['total'])).toBe(8)
    expect(await client.deleteTableRows({ table: 'customers', filter: { $or: [{ name: 'A' }, { name: 'C' }] } })).toEqual({ deleted: 2 })
    expect((await bot.rows('customers')).map((row) => row['name'])).toEqual(['B2'])
    await bot.stop()
  })

  it('reject an unknown column, an unknown table and a row that does not fit, naming them', async () => {
    const bot = await createTestBot(composed())
    await expect(bot.client.findTableRows({ table: 'customers', filter: { phone: '1' } })).rejects.toMatchObject({ code: 'COLUMN_UNKNOWN', message: expect.stringContaining('phone') })
    await expect(bot.client.findTableRows({ table: 'orders' })).rejects.toThrow('the bot uses table "orders", which the bot does not have; its tables are "customers"')
    await expect(bot.client.createTableRow({ table: 'customers', row: { email: 'nope', name: 'X', visits: 1 } })).rejects.toMatchObject({ code: 'ROW_INVALID', message: expect.stringContaining('email') })
    await bot.stop()
  })
})
