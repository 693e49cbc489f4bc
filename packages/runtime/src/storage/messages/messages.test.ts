import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMessageStore, type MessageStore } from './messages.js'
import { createConversationStore } from '../conversations/conversations.js'
import { createUserStore } from '../users/users.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'

describe.each(testDrivers())('messages on $name', (driver) => {
  let testDb: TestDatabase
  let messages: MessageStore
  let conversationId: string
  let userId: string
  beforeAll(async () => {
    testDb = await openMigrated(driver)
    messages = createMessageStore(testDb.db, 'bot-a')
    conversationId = (await createConversationStore(testDb.db, 'bot-a').create({ channel: 'channel', integration: 'webchat' })).id
    userId = (await createUserStore(testDb.db, 'bot-a').create()).id
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  const text = (body: string) => ({ type: 'text', payload: { text: body } })

  it('creates a message with its payload and reads it back', async () => {
    const created = await messages.create({ conversationId, userId, direction: 'incoming', type: 'text', payload: { text: 'hi', extra: [1, { a: null }] }, tags: { source: 'web' } })
    expect(created).toEqual({
      id: expect.stringMatching(/^msg_[0-9a-f]{32}$/), conversationId, userId, direction: 'incoming', type: 'text',
      payload: { text: 'hi', extra: [1, { a: null }] }, tags: { source: 'web' }, createdAt: expect.any(String), updatedAt: expect.any(String),
    })
    expect(await messages.get(created.id)).toEqual(created)
    expect(await createMessageStore(testDb.db, 'bot-b').get(created.id)).toBeUndefined()
  })

  it('refuses a message in a conversation or from a user that does not exist, naming which', async () => {
    await expect(messages.create({ conversationId: 'conv_nope', userId, direction: 'incoming', ...text('x') })).rejects.toMatchObject({
      code: 'NOT_FOUND', message: 'conversation "conv_nope" does not exist in bot "bot-a"',
    })
    await expect(messages.create({ conversationId, userId: 'user_nope', direction: 'outgoing', ...text('x') })).rejects.toMatchObject({
      code: 'NOT_FOUND', message: 'user "user_nope" does not exist in bot "bot-a"',
    })
  })

  it('does not let a bot write into another bot\'s conversation', async () => {
    const other = createMessageStore(testDb.db, 'bot-b')
    await expect(other.create({ conversationId, userId, direction: 'incoming', ...text('x') })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('merges tags on update', async () => {
    const created = await messages.create({ conversationId, userId, direction: 'outgoing', ...text('yo'), tags: { a: '1' } })
    expect((await messages.update(created.id, { tags: { b: '2' } })).tags).toEqual({ a: '1', b: '2' })
    await expect(messages.update('msg_nope', { tags: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('replaces the payload on update when one is given, keeping it otherwise', async () => {
    const created = await messages.create({ conversationId, userId, direction: 'outgoing', ...text('draft') })
    expect((await messages.update(created.id, { tags: {}, payload: JSON.parse('{"text":"final","__proto__":"kept as data"}') })).payload).toEqual(JSON.parse('{"text":"final","__proto__":"kept as data"}'))
    expect((await messages.update(created.id, { tags: { seen: '1' } })).payload).toEqual(JSON.parse('{"text":"final","__proto__":"kept as data"}'))
  })

  it('lists a conversation\'s messages in the order they were written, newest first on request, and by tags', async () => {
    const conversation = (await createConversationStore(testDb.db, 'bot-a').create({ channel: 'channel', integration: 'webchat' })).id
    await testDb.db.transaction(async (tx) => {
      const store = createMessageStore(tx, 'bot-a')
      for (const body of ['one', 'two', 'three']) await store.create({ conversationId: conversation, userId, direction: 'incoming', ...text(body), tags: { n: body } })
    })
    const bodies = (page: Awaited<ReturnType<MessageStore['list']>>) => page.items.map((m) => m.payload['text'])
    expect(bodies(await messages.list({ conversationId: conversation }))).toEqual(['one', 'two', 'three'])
    expect(bodies(await messages.list({ conversationId: conversation, order: 'desc', limit: 2 }))).toEqual(['three', 'two'])
    expect(bodies(await messages.list({ conversationId: conversation, tags: { n: 'two' } }))).toEqual(['two'])
    expect(await messages.list({ conversationId: conversation, limit: 2, offset: 2 })).toMatchObject({ items: [{ payload: { text: 'three' } }], nextOffset: undefined })
  })
})
