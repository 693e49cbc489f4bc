import { BotDefinition, BotImplementation, PluginDefinition, PluginImplementation } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestBot, type TestBot } from '../src/testing/index.js'
import { testDrivers, type TestDatabase } from '../src/storage/testing/test-databases.js'

// A plugin's webhook recognises a delivery sent again, and the runtime's own job, not the webhook's
// requests, drops the records once they are too old to matter.

const definition = new PluginDefinition({ name: 'hooked', version: '1.0.0' })
const hooked = new PluginImplementation({
  actions: {},
  routes: [{
    method: 'POST', path: 'webhook', access: 'public',
    handler: async ({ request, deliveries }) => {
      const fresh = await deliveries.claim('push', String(request.headers['x-delivery']))
      return { status: fresh ? 200 : 208, body: '' }
    },
  }],
})

function botWithHook() {
  const bot = new BotDefinition({}).addPlugin({ definition, implementation: hooked }, { alias: 'hooked' })
  return { definition: bot, implementation: new BotImplementation({ actions: {} }) }
}

describe.each(testDrivers().map((driver) => [driver.name, driver] as const))('webhook deliveries of a running bot on %s', (name, driver) => {
  let database: TestDatabase
  let bot: TestBot
  beforeAll(async () => {
    database = await driver.open()
    bot = await createTestBot({ ...botWithHook(), database: database.db, botId: `hooked-${name}` })
  })
  afterAll(async () => {
    await bot?.stop()
    await database?.dispose()
  })

  const post = async (delivery: string) =>
    (await bot.runtime.handlePluginRequest('hooked', { method: 'POST', path: '/webhook', query: {}, headers: { 'x-delivery': delivery }, body: '' })).status
  const stored = async () =>
    (await database.db.query<{ delivery: string }>('SELECT delivery FROM parley_webhook_deliveries WHERE bot_id = $1 ORDER BY delivery', [bot.runtime.botId])).rows.map((row) => row.delivery)

  it('recognises a delivery sent again, and drops day-old records through its job queue', async () => {
    expect([await post('d-1'), await post('d-1'), await post('d-2')]).toEqual([200, 208, 200])
    expect((await bot.runtime.pendingJobs()).filter((job) => job.kind === 'webhookDeliveryExpiry')).toHaveLength(1)
    await database.db.query(`UPDATE parley_webhook_deliveries SET received_at = now() - interval '25 hours' WHERE bot_id = $1 AND delivery = 'd-1'`, [bot.runtime.botId])
    expect(await stored()).toEqual(['d-1', 'd-2'])
    await bot.advance('10m')
    expect(await stored()).toEqual(['d-2'])
    expect(await post('d-2')).toBe(208)
    expect((await bot.runtime.pendingJobs()).filter((job) => job.kind === 'webhookDeliveryExpiry')).toHaveLength(1)
  })
})
