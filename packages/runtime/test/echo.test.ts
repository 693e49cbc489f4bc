import { BotDefinition, BotImplementation } from '@parley/sdk'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestBot, type TestBot } from '../src/testing/index.js'

describe('an echo bot', () => {
  let bot: TestBot
  afterEach(() => bot?.stop())

  it('replies with the text it received', async () => {
    const implementation = new BotImplementation({ actions: {} })
    implementation.on.message('text', async ({ message, client, ctx }) => {
      await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: message.payload.text } })
    })
    bot = await createTestBot({ definition: new BotDefinition({}), implementation })
    const conversation = await bot.conversation()
    expect((await conversation.send('hello')).texts).toEqual(['hello'])
    expect((await conversation.send('again')).texts).toEqual(['again'])
    expect(await conversation.transcript()).toEqual(['user: hello', 'bot: hello', 'user: again', 'bot: again'])
  })
})
