import { BotDefinition, BotImplementation, createPlugin } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestBot } from '../../src/testing/index.js'
import { testDrivers, type TestDatabase } from '../../src/storage/testing/test-databases.js'

// The event bus and cron jobs of createPlugin plugins run once, whichever of several processes takes them.

const server = testDrivers().find((driver) => driver.name === 'postgres')

function composed(heard: string[]) {
  const source = createPlugin({
    name: 'source', version: '1.0.0',
    hooks: { 'conversation:end': async (context, conversationId) => context.api.events.emit('source:ended', { conversationId }) },
    cronJobs: [{ name: 'tick', schedule: '5m', handler: async () => void heard.push('tick') }],
  })
  const consumer = createPlugin({
    name: 'consumer', version: '1.0.0',
    onActivate: async (context) => context.api.events.on('source:ended', async (data: { conversationId: string }) => void heard.push(`ended ${data.conversationId}`)),
  })
  const definition = new BotDefinition({})
  definition.addPlugin(source, {})
  definition.addPlugin(consumer, {})
  return { definition, implementation: new BotImplementation({ actions: {} }) }
}

describe.skipIf(!server)('createPlugin plugins in several runtimes on one PostgreSQL', () => {
  let testDb: TestDatabase
  beforeAll(async () => {
    testDb = await server!.open()
  })
  afterAll(() => testDb.dispose())

  it('deliver each bus event and each cron run once', async () => {
    const heard: string[] = []
    const databases = [testDb.db, await testDb.openAnother(), await testDb.openAnother()]
    const bots = await Promise.all(databases.map((database) => createTestBot({ ...composed(heard), database, botId: 'shared-plugins' })))
    const conversations = await Promise.all([0, 1, 2, 3].map(async () => (await bots[0]!.conversation()).id))
    for (const [i, id] of conversations.entries()) await bots[i % 3]!.client.endConversation({ id })
    await Promise.all(bots.map((bot) => bot.settle()))
    expect(heard.filter((line) => line.startsWith('ended')).sort()).toEqual(conversations.map((id) => `ended ${id}`).sort())
    await Promise.all(bots.map((bot) => bot.advance('5m')))
    expect(heard.filter((line) => line === 'tick')).toEqual(['tick'])
    await Promise.all(bots.map((bot) => bot.stop()))
  })
})
