import { BotDefinition, BotImplementation } from '@parley/sdk'
import { createTestBot } from '@parley/runtime/testing'
import { describe, expect, it } from 'vitest'
import moderation from '../index.js'

/** An echo bot behind the moderation plugin. */
function moderatedEcho(configuration: { blockedWords?: string[]; signature?: string }) {
  const definition = new BotDefinition({})
  definition.addPlugin(moderation, { configuration })
  const implementation = new BotImplementation({ actions: {} })
  implementation.on.message('text', async ({ message, client, ctx }) => {
    await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: `echo: ${message.payload.text} (${message.tags['moderation']})` } })
  })
  return { definition, implementation }
}

describe('the moderation plugin', () => {
  it('lets clean messages through, tagged clean', async () => {
    const bot = await createTestBot(moderatedEcho({ blockedWords: ['spam'] }))
    const exchange = await bot.send('hello')
    expect(exchange.texts).toEqual(['echo: hello (clean)'])
    expect(exchange.message.tags).toEqual({ moderation: 'clean' })
    await bot.stop()
  })

  it('holds back a message with a blocked word: the bot never sees it, the user is warned, a strike is counted', async () => {
    const bot = await createTestBot(moderatedEcho({ blockedWords: ['SPAM'] }))
    const conversation = await bot.conversation()
    const exchange = await conversation.send('buy spam now')
    expect(exchange.stopped).toBe(true)
    expect(exchange.texts).toEqual(["Let's keep it friendly: that message was held back."])
    expect(exchange.message.tags).toEqual({ moderation: 'blocked' })
    await conversation.send('more Spam')
    expect(await bot.callAction('moderation:strikes', { userId: conversation.user.id })).toEqual({ count: 2 })
    expect(await bot.getState('user', conversation.user.id, 'moderation:strikes')).toEqual({ count: 2, lastWord: 'SPAM' })
    await bot.stop()
  })

  it('signs every text the bot sends', async () => {
    const bot = await createTestBot(moderatedEcho({ signature: '— bot' }))
    expect((await bot.send('hi')).texts).toEqual(['echo: hi (clean)\n— bot'])
    await bot.stop()
  })
})
