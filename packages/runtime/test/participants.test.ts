import { BotDefinition, BotImplementation } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { createTestBot } from '../src/testing/index.js'

const emptyBot = () => createTestBot({ definition: new BotDefinition({}), implementation: new BotImplementation({ actions: {} }) })

describe('participants', () => {
  it('are the users who sent the conversation a message, and those added; removed ones leave', async () => {
    const bot = await emptyBot()
    const { user: ada } = await bot.client.getOrCreateUser({ name: 'Ada' })
    const { user: grace } = await bot.client.getOrCreateUser({ name: 'Grace' })
    const conversation = await bot.conversation({ user: ada })
    await conversation.send('hello')
    expect((await bot.client.listParticipants({ id: conversation.id })).participants.map((user) => user.name)).toEqual(['Ada'])

    const { participant } = await bot.client.addParticipant({ id: conversation.id, userId: grace.id })
    expect(participant).toMatchObject({ id: grace.id, name: 'Grace' })
    expect((await bot.client.addParticipant({ id: conversation.id, userId: grace.id })).participant.id).toBe(grace.id)
    expect((await bot.client.getParticipant({ id: conversation.id, userId: grace.id })).participant.name).toBe('Grace')

    await bot.client.removeParticipant({ id: conversation.id, userId: grace.id })
    await expect(bot.client.getParticipant({ id: conversation.id, userId: grace.id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect((await bot.client.listParticipants({ id: conversation.id })).participants.map((user) => user.id)).toEqual([ada.id])
    await bot.stop()
  })

  it('take back a removed sender when they speak again, and keep out one a handler removes in the turn they speak', async () => {
    const implementation = new BotImplementation({ actions: {} })
    implementation.on.message('text', async ({ message, client }) => {
      if ((message.payload as { text: string }).text === 'leave') await client.removeParticipant({ id: message.conversationId, userId: message.userId })
    })
    const bot = await createTestBot({ definition: new BotDefinition({}), implementation })
    const { user: ada } = await bot.client.getOrCreateUser({ name: 'Ada' })
    const conversation = await bot.conversation({ user: ada })
    const participants = async () => (await bot.client.listParticipants({ id: conversation.id })).participants.map((user) => user.name)
    await conversation.send('hello')
    await bot.client.removeParticipant({ id: conversation.id, userId: ada.id })
    expect(await participants()).toEqual([])
    await conversation.send('back')
    expect(await participants()).toEqual(['Ada'])
    await conversation.send('leave')
    expect(await participants()).toEqual([])
    await conversation.send('back again')
    expect(await participants()).toEqual(['Ada'])
    await bot.stop()
  })

  it('name the missing conversation or user, and refuse a page token they did not hand out', async () => {
    const bot = await emptyBot()
    const { user } = await bot.client.getOrCreateUser({})
    const { conversation } = await bot.client.getOrCreateConversation({})
    await expect(bot.client.addParticipant({ id: 'conv_missing', userId: user.id })).rejects.toThrow(/conversation "conv_missing" does not exist/)
    await expect(bot.client.addParticipant({ id: conversation.id, userId: 'user_missing' })).rejects.toThrow(/user "user_missing" does not exist/)
    await expect(bot.client.listParticipants({ id: conversation.id, nextToken: '-1' })).rejects.toMatchObject({ code: 'PAYLOAD_INVALID', message: expect.stringContaining('nextToken') })
    await bot.stop()
  })

  it('page by nextToken through more participants than one page holds', async () => {
    const bot = await emptyBot()
    const { conversation } = await bot.client.getOrCreateConversation({})
    const users = await Promise.all(Array.from({ length: 130 }, (_, n) => bot.client.getOrCreateUser({ id: `u-${n}` })))
    for (const { user } of users) await bot.client.addParticipant({ id: conversation.id, userId: user.id })
    const seen: string[] = []
    let nextToken: string | undefined
    do {
      const page = await bot.client.listParticipants({ id: conversation.id, ...(nextToken === undefined ? {} : { nextToken }) })
      seen.push(...page.participants.map((user) => user.id))
      nextToken = page.meta.nextToken
    } while (nextToken !== undefined)
    expect(seen).toEqual(users.map(({ user }) => user.id))
    await bot.stop()
  })

  it('are reached from handler props as Botpress code does: user.addToConversation and conversation.listParticipants', async () => {
    const implementation = new BotImplementation({ actions: {} })
    const seen: string[][] = []
    implementation.on.message('text', async ({ users, conversations, client, ctx }) => {
      const user = await users.getById({ id: ctx.userId })
      const conversation = await conversations['*']['*'].getById({ id: ctx.conversationId })
      const { user: helper } = await client.getOrCreateUser({ id: 'helper' })
      const { conversation: side } = await client.getOrCreateConversation({ id: 'side' })
      await (await user.addToConversation({ conversationId: side.id })).removeFromConversation({ conversationId: side.id })
      await client.addParticipant({ id: conversation.id, userId: helper.id })
      seen.push((await conversation.listParticipants().take(10)).map((participant: { id: string }) => participant.id).sort())
      seen.push((await client.listParticipants({ id: side.id })).participants.map((participant) => participant.id))
    })
    const bot = await createTestBot({ definition: new BotDefinition({}), implementation })
    const conversation = await bot.conversation()
    await conversation.send('hi')
    expect(seen).toEqual([['helper', conversation.user.id].sort(), []])
    await bot.stop()
  })
})
