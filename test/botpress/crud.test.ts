import { BotDefinition, BotImplementation } from '@parley/sdk'
import { createTestBot } from '@parley/runtime/testing'
import { describe, expect, it } from 'vitest'
import mirror from '../../packages/cli/test/fixtures/projects/botpress-crud/plugin.definition.js'
import { catalog } from './support/catalog.js'
import { fixturePlugin } from './support/fixtures.js'

const implementation = await fixturePlugin('botpress-crud')

// The synchronizer-style fixture plugin: items listed and deleted through `actions.<interface>`, a table
// made at run time, a recurring event.

describe('a Botpress synchronizer-style plugin', () => {
  it('lists through actions.listable page by page, on a call and on its recurring event, into a table made at run time', async () => {
    const shop = catalog(['mug', 'pen', 'cap'])
    const definition = new BotDefinition({})
      .addIntegration(shop, { alias: 'shop' })
      .addPlugin({ definition: mirror, implementation }, { alias: 'mirror', configuration: { tableName: 'products' }, dependencies: { listable: { integrationAlias: 'shop' }, deletable: { integrationAlias: 'shop' } } })
    const bot = await createTestBot({ definition, implementation: new BotImplementation({ actions: {} }), integrations: { shop: shop.implementation } })
    try {
      expect(await bot.callAction('mirror:synchronize', {})).toEqual({ itemsLeft: true })
      expect(await bot.client.getTable({ table: 'products' })).toMatchObject({ table: { name: 'products' }, rows: 0 })
      expect(await bot.getState('bot', bot.runtime.botId, 'mirror:job')).toEqual({ nextToken: '2', tableCreated: true })

      // The recurring event comes at least once in the next minute (more if the real clock also turns a
      // minute meanwhile): its run picks up at the stored page.
      await bot.advance('1m')
      const logged = (await bot.logs()).filter((record) => record.source === 'mirror').map((record) => record.message)
      expect(logged.slice(0, 2)).toEqual(['products has 0 rows; adding 2', 'products has 0 rows; adding 1'])

      await bot.emit('mirror:rowDeleted', { row: { id: 'item-1' } })
      expect(shop.items.map((item) => item.name)).toEqual(['mug', 'cap'])
      const afterDelete = (await bot.logs()).filter((record) => record.source === 'mirror').map((record) => record.message)
      expect(afterDelete).toContain('deleted item-1; items are listed by catalog:list')
      expect(await bot.failures()).toEqual([])

      await bot.client.deleteTable({ table: 'products' })
      await expect(bot.client.getTable({ table: 'products' })).rejects.toThrow(/run-time table "products" does not exist/)
    } finally {
      await bot.stop()
    }
  })
})
