import { BotDefinition, BotImplementation } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { createTestBot } from '../src/testing/index.js'

describe('updateMessage', () => {
  it("replaces a stored message's payload when it fits its type, merges tags, and keeps its type", async () => {
    const bot = await createTestBot({ definition: new BotDefinition({ message: { tags: { edited: {} } } }), implementation: new BotImplementation({ actions: {} }) })
    const conversation = await bot.conversation()
    await conversation.send('helo')
    const [sent] = (await bot.client.listMessages({ conversationId: conversation.id })).messages
    const { message } = await bot.client.updateMessage({ id: sent!.id, tags: { edited: 'yes' }, payload: { text: 'hello' } })
    expect(message).toMatchObject({ id: sent!.id, type: 'text', payload: { text: 'hello' }, tags: { edited: 'yes' } })
    expect((await bot.client.getMessage({ id: sent!.id })).message.payload).toEqual({ text: 'hello' })

    await expect(bot.client.updateMessage({ id: sent!.id, payload: { text: 42 } })).rejects.toMatchObject({ code: 'PAYLOAD_INVALID', message: expect.stringContaining('text') })
    expect((await bot.client.getMessage({ id: sent!.id })).message.payload).toEqual({ text: 'hello' })
    await expect(bot.client.updateMessage({ id: 'msg_missing', tags: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await bot.stop()
  })

  it("edits from a handler: the turn's own reply before it is stored, and an earlier message at once", async () => {
    const implementation = new BotImplementation({ actions: {} })
    implementation.on.message('text', async ({ client, ctx, message }) => {
      const { message: reply } = await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: 'draft' } })
      await client.updateMessage({ id: reply.id, payload: { text: 'final' } })
      await client.updateMessage({ id: message.id, payload: { text: `${String(message.payload.text)}!` } })
    })
    const bot = await createTestBot({ definition: new BotDefinition({}), implementation })
    const conversation = await bot.conversation()
    await conversation.send('hi')
    const texts = (await bot.client.listMessages({ conversationId: conversation.id })).messages.map((m) => m.payload['text'])
    expect(texts).toEqual(['hi!', 'final'])
    await bot.stop()
  })
})
