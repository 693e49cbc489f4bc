import { BotDefinition, BotImplementation } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestBot, type TestBot } from '../src/testing/index.js'
import { testDrivers, type TestDatabase } from '../src/storage/testing/test-databases.js'
import { gate } from './support/gate.js'

// A user deleted from outside while a turn of one of their conversations is under way.

describe.each(testDrivers().map((driver) => [driver.name, driver] as const))('a user deleted during their turn on %s', (name, driver) => {
  let database: TestDatabase
  let bot: TestBot
  const held = gate()
  beforeAll(async () => {
    database = await driver.open()
    const implementation = new BotImplementation({ actions: {} })
    implementation.on.message('text', async ({ message, client }) => {
      await held.wait()
      await client.createMessage({ conversationId: message.conversationId, type: 'text', payload: { text: 'answer' } })
    })
    bot = await createTestBot({ definition: new BotDefinition({}), implementation, database: database.db, botId: `deleted-user-${name}` })
  })
  afterAll(async () => {
    await bot?.stop()
    await database?.dispose()
  })

  it('fails the turn with an error naming the deleted user, and stores none of its writes', async () => {
    const user = await bot.user({ name: 'Gone' })
    const chat = await bot.conversation({ user })
    const sending = chat.send('hello').then(() => 'stored', (error: unknown) => error)
    await held.arrived
    await bot.client.deleteUser({ id: user.id })
    held.open()
    const outcome = await sending
    expect(outcome).toMatchObject({ code: 'USER_DELETED', message: expect.stringContaining(`user "${user.id}" was deleted`) })
    expect((await bot.client.listMessages({ conversationId: chat.id })).messages).toEqual([])
  })
})
