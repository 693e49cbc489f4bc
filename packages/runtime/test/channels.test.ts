import { BotDefinition, BotImplementation, IntegrationDefinition, IntegrationImplementation, z } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { createTestBot } from '../src/testing/index.js'

const sms = new IntegrationDefinition({
  name: 'sms', version: '1.0.0',
  channels: { phone: { messages: { text: { schema: z.object({ text: z.string().max(160) }) } } } },
  events: { delivered: { schema: z.object({ providerId: z.string() }) } },
})

function composed(outbox: string[]) {
  const implementation = new IntegrationImplementation({
    actions: {},
    channels: {
      phone: {
        messages: {
          text: async ({ payload, user, ack }) => {
            outbox.push(`to ${user.tags['phone']}: ${payload.text}`)
            await ack({ tags: { providerId: 'p-1' } })
          },
        },
      },
    },
    handler: async ({ req, client }) => {
      const { from, text } = JSON.parse(req.body) as { from: string; text: string }
      const { user } = await client.getOrCreateUser({ tags: { phone: from } })
      const { conversation } = await client.getOrCreateConversation({ channel: 'phone', tags: { phone: from } })
      await client.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text } })
      return { status: 202 }
    },
  })
  const definition = new BotDefinition({ user: { tags: { phone: {} } }, conversation: { tags: { phone: {} } } })
  definition.addIntegration({ definition: sms, implementation }, { alias: 'sms' })
  const bot = new BotImplementation({ actions: {} })
  bot.on.message('text', async ({ message, client, ctx, conversation }) => {
    await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: `echo ${message.payload.text} on ${conversation.channel}` } })
  })
  return { definition, implementation: bot }
}

describe('integration channels', () => {
  it('turn a webhook into a message for the bot, and deliver the reply through the channel', async () => {
    const outbox: string[] = []
    const bot = await createTestBot(composed(outbox))
    const response = await bot.runtime.handleWebhook('sms', { method: 'POST', path: '/', query: {}, headers: {}, body: JSON.stringify({ from: '+100', text: 'hi' }) })
    expect(response).toEqual({ status: 202 })
    expect(outbox).toEqual(['to +100: echo hi on sms:phone'])
    const { conversations } = await bot.client.listConversations({ tags: { phone: '+100' } })
    const { messages } = await bot.client.listMessages({ conversationId: conversations[0]!.id })
    expect(messages.map((message) => [message.direction, message.tags])).toEqual([['incoming', {}], ['outgoing', { providerId: 'p-1' }]])
    await bot.stop()
  })

  it('check messages against the channel\'s own schema', async () => {
    const bot = await createTestBot(composed([]))
    const conversation = await bot.conversation({ channel: 'sms:phone' })
    await expect(conversation.send('x'.repeat(200))).rejects.toThrow('message "text" payload.text: String must contain at most 160 character(s)')
    await bot.stop()
  })
})
