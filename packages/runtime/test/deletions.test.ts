import { BotDefinition, BotImplementation, z } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../src/storage/testing/test-databases.js'
import { gate } from './support/gate.js'
import { createTestBot, type TestBot, type TestConversation } from '../src/testing/index.js'

const memory = { type: 'conversation' as const, schema: z.object({ n: z.number() }) }

// any: the handler is written as untyped Botpress code is
function bot(handler: (props: any) => Promise<void>) {
  const implementation = new BotImplementation({ actions: {} })
  implementation.on.message('text', handler)
  return { definition: new BotDefinition({ states: { memory } }), implementation }
}

describe.each(testDrivers())('deleting conversations and users on $name', (driver) => {
  let testDb: TestDatabase
  beforeAll(async () => {
    testDb = await driver.open()
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  /** Sends as the conversation's user and waits for the turn (the exchange helpers read messages these tests delete). */
  const send = async (testBot: TestBot, conversation: TestConversation, text: string) => {
    await testBot.runtime.receiveMessage({ conversationId: conversation.id, userId: conversation.user.id, type: 'text', payload: { text } })
    await testBot.settle()
  }
  /** The texts the bot sends from now on. */
  const sent = (testBot: TestBot) => {
    const texts: string[] = []
    testBot.runtime.onMessage((message) => void texts.push(String((message.payload as { text?: unknown }).text)))
    return texts
  }

  const count = async (table: string, conversationId: string) =>
    (await testDb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE conversation_id = $1`, [conversationId])).rows[0]!.n

  it('deletes a conversation after the turn in flight for it is stored, taking that turn\'s writes too', async () => {
    const wait = gate()
    const testBot = await createTestBot({ ...bot(async ({ client, states, ctx }) => {
      await states.memory.set({ id: ctx.conversationId, payload: { n: 1 } })
      await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: 'reply' } })
      await wait.wait()
    }), database: testDb.db })
    try {
      const conversation = await testBot.conversation()
      const texts = sent(testBot)
      const sending = send(testBot, conversation, 'hi')
      await wait.arrived
      const deleting = testBot.client.deleteConversation({ id: conversation.id })
      wait.open()
      await Promise.all([sending, deleting])
      expect(texts).toEqual(['reply'])
      await expect(testBot.client.getConversation({ id: conversation.id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect(await count('parley_messages', conversation.id)).toBe(0)
      expect(await testBot.getState('conversation', conversation.id, 'memory')).toBeUndefined()
      expect(await testBot.failures()).toEqual([])
    } finally {
      await testBot.stop()
    }
  })

  it('deletes its own conversation from a handler once the turn is stored', async () => {
    const testBot = await createTestBot({ ...bot(async ({ client, ctx }) => {
      await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: 'bye' } })
      await client.deleteConversation({ id: ctx.conversationId })
      // Still there for the rest of the turn.
      expect((await client.getConversation({ id: ctx.conversationId })).conversation.id).toBe(ctx.conversationId)
    }), database: testDb.db })
    try {
      const conversation = await testBot.conversation()
      const texts = sent(testBot)
      await send(testBot, conversation, 'hi')
      expect(await testBot.failures()).toEqual([])
      expect(texts).toEqual(['bye'])
      await expect(testBot.client.getConversation({ id: conversation.id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect(await count('parley_messages', conversation.id)).toBe(0)
      expect(await testBot.failures()).toEqual([])
    } finally {
      await testBot.stop()
    }
  })

  it('deletes the user who wrote, with their message, once the turn is stored', async () => {
    const testBot = await createTestBot({ ...bot(async ({ client, ctx, message }) => {
      await client.deleteMessage({ id: message.id })
      await client.deleteUser({ id: ctx.userId })
    }), database: testDb.db })
    try {
      const conversation = await testBot.conversation()
      await send(testBot, conversation, 'forget me')
      await expect(testBot.client.getUser({ id: conversation.user.id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect(await count('parley_messages', conversation.id)).toBe(0)
      expect((await testBot.client.getConversation({ id: conversation.id })).conversation.id).toBe(conversation.id)
      expect(await testBot.failures()).toEqual([])
    } finally {
      await testBot.stop()
    }
  })
  it('keeps what a handler asked to delete when that handler fails', async () => {
    const testBot = await createTestBot({ ...bot(async ({ client, ctx }) => {
      await client.deleteConversation({ id: ctx.conversationId })
      await client.deleteUser({ id: ctx.userId })
      throw new Error('changed my mind')
    }), database: testDb.db })
    try {
      const conversation = await testBot.conversation()
      await send(testBot, conversation, 'hi')
      expect((await testBot.failures()).map((failure) => failure.error.message)).toEqual(['changed my mind'])
      expect((await testBot.client.getConversation({ id: conversation.id })).conversation.id).toBe(conversation.id)
      expect((await testBot.client.getUser({ id: conversation.user.id })).user.id).toBe(conversation.user.id)
      expect(await count('parley_messages', conversation.id)).toBe(1)
    } finally {
      await testBot.stop()
    }
  })
})
