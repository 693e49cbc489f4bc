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

// The same pattern after each message, incoming and outgoing: a reply is sent in the turn of the message
// it answers, so the second check must see the event the first one scheduled in that turn.
const nudges = new PluginDefinition({ name: 'nudges', version: '1.0.0', events: { nudge: { schema: z.object({}) } } })
const nudgesImplementation = new PluginImplementation({ actions: {} })
const seenInTurn: [number, number][] = []
for (const hook of ['afterIncomingMessage', 'afterOutgoingMessage'] as const) {
  nudgesImplementation.on[hook]('*', async ({ events }) => {
    const scheduled = await events.nudge.list({ status: 'scheduled' }).take(5)
    const due = await events.nudge.list({ status: 'pending' }).take(5)
    if (scheduled.length === 0) await events.nudge.schedule({}, { delay: 60 * 60 * 1000 })
    seenInTurn.push([scheduled.length, due.length])
    return undefined
  })
}

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

  it('lists an event scheduled earlier in the same turn as scheduled, so a turn schedules it once', async () => {
    const replying = new BotImplementation({ actions: {} })
    replying.on.message('text', async ({ client, conversation }) => void (await client.createMessage({ conversationId: conversation.id, type: 'text', payload: { text: 'noted' }, tags: {} })))
    const nudged = await createTestBot({
      definition: new BotDefinition({}).addPlugin({ definition: nudges, implementation: nudgesImplementation }, { configuration: {} }),
      implementation: replying,
      database: database.db,
      botId: `nudges-${name}`,
    })
    try {
      seenInTurn.length = 0
      const { texts } = await nudged.send('hello')
      expect(texts).toEqual(['noted'])
      expect(seenInTurn).toEqual([[0, 0], [1, 0]])
      const { events } = await nudged.client.listEvents({ type: 'nudges:nudge', status: 'scheduled' })
      expect(events).toHaveLength(1)
    } finally {
      await nudged.stop()
    }
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
    expect((await bot.client.listConversations({ tags: { failure: '' } })).conversations.map((c) => c.id)).not.toContain(chat.id)
    expect((await bot.client.listConversations({ tags: { failure: 'twice' } })).conversations.map((c) => c.id)).not.toContain(chat.id)
  })
})
