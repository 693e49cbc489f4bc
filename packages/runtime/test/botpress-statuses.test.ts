import { BotDefinition, BotImplementation, PluginDefinition, PluginImplementation, z } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestBot, type TestBot } from '../src/testing/index.js'
import { testDrivers, type TestDatabase } from '../src/storage/testing/test-databases.js'

// A plugin written as Botpress's conversation-insights is: it schedules one reminder event unless one is
// already scheduled, and clears its failure tags by writing them empty.
const definition = new PluginDefinition({
  name: 'reminders',
  version: '1.0.0',
  events: { remind: { schema: z.object({}) } },
  conversation: { tags: { seen: {}, failure: {} } },
})
const implementation = new PluginImplementation({ actions: {} })
implementation.on.afterIncomingMessage('*', async ({ data, events, conversations }) => {
  const conversation = await conversations['*']['*'].getById({ id: data.conversationId })
  await conversation.update({ tags: { seen: 'yes', failure: '' } })
  const scheduled = await events.remind.list({ status: 'scheduled' }).take(1)
  if (scheduled.length === 0) await events.remind.schedule({}, { delay: 60 * 60 * 1000 })
  return undefined
})

describe.each(testDrivers().map((driver) => [driver.name, driver] as const))('Botpress statuses and tags on %s', (name, driver) => {
  let database: TestDatabase
  let bot: TestBot
  beforeAll(async () => {
    database = await driver.open()
    bot = await createTestBot({
      definition: new BotDefinition({}).addPlugin({ definition, implementation }, { configuration: {} }),
      implementation: new BotImplementation({ actions: {} }),
      database: database.db,
      botId: `statuses-${name}`,
    })
  })
  afterAll(async () => {
    await bot?.stop()
    await database?.dispose()
  })

  it('lists an event not yet due as scheduled, and as pending no more once delivered', async () => {
    const chat = await bot.conversation()
    await chat.send('one')
    await chat.send('two')
    const listed = (status?: 'scheduled' | 'pending' | 'processed') => bot.client.listEvents({ type: 'reminders:remind', ...(status ? { status } : {}) }).then(({ events }) => events.length)
    expect([await listed(), await listed('scheduled'), await listed('pending'), await listed('processed')]).toEqual([1, 1, 0, 0])
    await bot.advance('1h')
    expect([await listed(), await listed('scheduled'), await listed('pending'), await listed('processed')]).toEqual([1, 0, 0, 1])
  })

  it('refuses an unknown status, naming the field', async () => {
    await expect(bot.client.listEvents({ status: 'later' as 'scheduled' })).rejects.toThrow('listEvents.status: "later" is not one of scheduled, pending, processed, failed')
  })

  it("removes a tag written as '', as Botpress does", async () => {
    const chat = await bot.conversation()
    await bot.client.updateConversation({ id: chat.id, tags: { failure: 'twice' } })
    expect((await bot.client.getConversation({ id: chat.id })).conversation.tags).toEqual({ failure: 'twice' })
    await chat.send('hello')
    const { conversation } = await bot.client.getConversation({ id: chat.id })
    expect(conversation.tags).toEqual({ seen: 'yes' })
    expect((await bot.client.listConversations({ tags: { seen: 'yes' } })).conversations.map((c) => c.tags)).toContainEqual({ seen: 'yes' })
  })
})
