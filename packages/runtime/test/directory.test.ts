import { BotDefinition, BotImplementation } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { createTestBot } from '../src/testing/index.js'

describe('users, conversations and messages', () => {
  it('are found or created by tags, and keep tags merged on update', async () => {
    const definition = new BotDefinition({ user: { tags: { email: {}, plan: {} } }, conversation: { tags: { topic: {} } } })
    const implementation = new BotImplementation({ actions: {} })
    implementation.on.message('text', async ({ users, conversations, message, ctx }) => {
      await users.update(ctx.userId, { tags: { plan: 'pro' } })
      await conversations.update(ctx.conversationId, { tags: { topic: String(message.payload.text) } })
    })
    const bot = await createTestBot({ definition, implementation })
    const { user } = await bot.client.getOrCreateUser({ name: 'Ada', tags: { email: 'ada@example.com' } })
    expect((await bot.client.getOrCreateUser({ tags: { email: 'ada@example.com' } })).user.id).toBe(user.id)
    const conversation = await bot.conversation({ user })
    await conversation.send('billing')
    expect((await bot.client.getUser({ id: user.id })).user).toMatchObject({ name: 'Ada', tags: { email: 'ada@example.com', plan: 'pro' } })
    expect((await bot.client.listUsers({ tags: { plan: 'pro' } })).users.map((found) => found.id)).toEqual([user.id])
    expect((await bot.client.listConversations({ tags: { topic: 'billing' } })).conversations).toEqual([expect.objectContaining({ id: conversation.id, channel: 'webchat' })])
    await expect(bot.client.getUser({ id: 'user_missing' })).rejects.toThrow(/user "user_missing" does not exist in bot "test_\w+"/)
    await expect(bot.client.getOrCreateConversation({ channel: 'telegram:chat' })).rejects.toThrow('the bot has no channel "telegram:chat"; its channels are "webchat"')
    await bot.stop()
  })

  it('are got or created under an id the caller chooses, once even when callers race', async () => {
    const bot = await createTestBot({ definition: new BotDefinition({}), implementation: new BotImplementation({ actions: {} }) })
    const created = await Promise.all([1, 2, 3].map(() => bot.client.getOrCreateUser({ id: 'tg-42', name: 'Ada' })))
    expect(new Set(created.map(({ user }) => user.id))).toEqual(new Set(['tg-42']))
    expect((await bot.client.getOrCreateUser({ id: 'tg-42', name: 'Someone else' })).user.name).toBe('Ada')
    const { conversation } = await bot.client.getOrCreateConversation({ id: 'thread-7' })
    expect(conversation).toMatchObject({ id: 'thread-7', channel: 'webchat', integration: 'webchat' })
    expect((await bot.client.getOrCreateConversation({ id: 'thread-7' })).conversation.createdAt).toBe(conversation.createdAt)
    await expect(bot.client.getOrCreateUser({ id: '' })).rejects.toThrow('user id "" is not allowed; give 1 to 200 characters')
    await bot.stop()
  })
})
