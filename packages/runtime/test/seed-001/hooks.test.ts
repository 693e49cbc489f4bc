import { BotDefinition, BotImplementation, createPlugin } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestBot, type TestBot } from '../../src/testing/index.js'
import { testDrivers, type TestDatabase } from '../../src/storage/testing/test-databases.js'

// createPlugin's hooks by name, on Parley's pipeline: what each sees, and a throwing one harming nothing.

const seen: string[] = []

const watcher = createPlugin({
  name: 'watcher',
  version: '1.0.0',
  hooks: {
    'conversation:start': async (context, conversationId) => void seen.push(`start ${conversationId === context.conversationId}`),
    'message:received': async (context, message) => {
      seen.push(`received ${(message.payload as { text: string }).text} from ${message.userId === context.userId}`)
      await context.api.db.set('count', ((await context.api.db.get<number>('count')) ?? 0) + 1)
    },
    'message:sent': async (_context, message) => void seen.push(`sent ${(message.payload as { text: string }).text}`),
    'conversation:end': async (context, conversationId) => void seen.push(`end ${conversationId} by ${context.userId}`),
  },
  onDeactivate: async (context) => void seen.push(`deactivated in ${context.appId}`),
})

const broken = createPlugin({
  name: 'broken',
  version: '1.0.0',
  hooks: { 'message:received': async () => { throw new Error('the hook broke') } },
})

function composed() {
  const definition = new BotDefinition({})
  definition.addPlugin(broken, {})
  definition.addPlugin(watcher, {})
  const implementation = new BotImplementation({ actions: {} })
  implementation.on.message('text', async ({ message, client }) => {
    await client.createMessage({ conversationId: message.conversationId, userId: message.userId, type: 'text', payload: { text: `echo ${(message.payload as { text: string }).text}` } })
  })
  return { definition, implementation }
}

describe.each(testDrivers().map((driver) => [driver.name, driver] as const))('createPlugin hooks on %s', (_name, driver) => {
  let database: TestDatabase
  let bot: TestBot
  beforeAll(async () => {
    database = await driver.open()
    bot = await createTestBot({ ...composed(), database: database.db })
  })
  afterAll(async () => {
    await bot?.stop()
    await database?.dispose()
  })

  it('hear a conversation start, each message in and out, and its end; a throwing hook is logged and the bot answers', async () => {
    seen.length = 0
    const conversation = await bot.conversation()
    expect((await conversation.send('one')).texts).toEqual(['echo one'])
    expect((await conversation.send('two')).texts).toEqual(['echo two'])
    await bot.client.endConversation({ id: conversation.id })
    await bot.settle()
    expect(seen).toEqual(['start true', 'received one from true', 'sent echo one', 'received two from true', 'sent echo two', `end ${conversation.id} by ${conversation.user.id}`])
    expect((await bot.failures()).map((failure) => failure.error.message)).toEqual(['the hook broke', 'the hook broke'])
    await bot.stop()
    expect(seen.at(-1)).toBe(`deactivated in ${bot.runtime.botId}`)
  })

  it('a conversation ends after the inactivity timeout since its last message', async () => {
    const timed = await createTestBot({ ...composed(), database: database.db, botId: `timed-${_name}`, conversations: { inactivityMs: 60_000 } })
    try {
      seen.length = 0
      const conversation = await timed.conversation()
      await conversation.send('one')
      await timed.advance('45s')
      await conversation.send('two')
      await timed.advance('45s')
      expect(seen.filter((line) => line.startsWith('end'))).toEqual([])
      await timed.advance('15s')
      expect(seen.filter((line) => line.startsWith('end'))).toEqual([`end ${conversation.id} by ${conversation.user.id}`])
    } finally {
      await timed.stop()
    }
  })

  it('hear a conversation created without a message start once, not again at its first message', async () => {
    bot = await bot.restart()
    seen.length = 0
    const { conversation } = await bot.client.getOrCreateConversation({ channel: 'webchat' })
    await bot.settle()
    expect(seen).toEqual(['start true'])
    const byId = await bot.client.getOrCreateConversation({ id: `opened-${_name}` })
    await bot.client.getOrCreateConversation({ id: byId.conversation.id })
    await bot.client.getOrCreateConversation({ id: conversation.id })
    await bot.settle()
    expect(seen).toEqual(['start true', 'start true'])
    seen.length = 0
    await (await bot.conversation()).send('first')
    expect(seen).toEqual(['start true', 'received first from true', 'sent echo first'])
  })

  it('an unknown conversation cannot be ended', async () => {
    const running = await bot.restart()
    bot = running
    await expect(bot.client.endConversation({ id: 'nobody-here' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
