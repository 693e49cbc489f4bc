import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConversationStore, type ConversationStore } from './conversations.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'

describe.each(testDrivers())('conversations on $name', (driver) => {
  let testDb: TestDatabase
  let conversations: ConversationStore
  beforeAll(async () => {
    testDb = await openMigrated(driver)
    conversations = createConversationStore(testDb.db, 'bot-a')
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  it('creates a conversation on a channel of an integration and reads it back', async () => {
    const created = await conversations.create({ channel: 'channel', integration: 'webchat', tags: { visitor: 'v1' } })
    expect(created).toEqual({
      id: expect.stringMatching(/^conv_[0-9a-f]{32}$/), channel: 'channel', integration: 'webchat', tags: { visitor: 'v1' },
      createdAt: expect.any(String), updatedAt: expect.any(String),
    })
    expect(await conversations.get(created.id)).toEqual(created)
    expect(await createConversationStore(testDb.db, 'bot-b').get(created.id)).toBeUndefined()
  })

  it('merges tags on update and refreshes updatedAt', async () => {
    const created = await conversations.create({ channel: 'dm', integration: 'slack', tags: { thread: 't1', team: 'T1' } })
    const updated = await conversations.update(created.id, { tags: { thread: 't2' } })
    expect(updated.tags).toEqual({ thread: 't2', team: 'T1' })
    expect(updated.updatedAt >= created.updatedAt).toBe(true)
    expect(updated.createdAt).toBe(created.createdAt)
  })

  it('refuses to update a conversation that does not exist', async () => {
    await expect(conversations.update('conv_nope', { tags: {} })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('conversation "conv_nope"') })
  })

  it('lists by channel, integration and tags, in pages', async () => {
    const store = createConversationStore(testDb.db, 'bot-list')
    await store.create({ channel: 'channel', integration: 'webchat', tags: { lang: 'en' } })
    await store.create({ channel: 'dm', integration: 'slack', tags: { lang: 'en' } })
    await store.create({ channel: 'channel', integration: 'slack', tags: { lang: 'fr' } })
    const summary = (page: Awaited<ReturnType<ConversationStore['list']>>) => page.items.map((c) => `${c.integration}/${c.channel}`)
    expect(summary(await store.list({ integration: 'slack' }))).toEqual(['slack/dm', 'slack/channel'])
    expect(summary(await store.list({ channel: 'channel' }))).toEqual(['webchat/channel', 'slack/channel'])
    expect(summary(await store.list({ tags: { lang: 'en' }, integration: 'slack' }))).toEqual(['slack/dm'])
    expect(await store.list({ limit: 2 })).toMatchObject({ nextOffset: 2 })
    expect(summary(await store.list({ limit: 2, offset: 2 }))).toEqual(['slack/channel'])
  })
})
