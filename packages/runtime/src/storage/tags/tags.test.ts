import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBotStorage, type BotStorage } from '../bot-storage.js'
import { migrate, MIGRATIONS } from '../migrations/index.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'
import { createTurnBuffer } from '../turns/turn-buffer.js'

// A tag written '' is removed, however it is written: what is stored, read and filtered on agree.

describe.each(testDrivers())('tags written empty on $name', (driver) => {
  let testDb: TestDatabase
  let stored: BotStorage
  const botId = 'bot-tags'
  beforeAll(async () => {
    testDb = await openMigrated(driver)
    stored = createBotStorage(testDb.db, { botId })
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  /** The tags as the table holds them, read past every store. */
  const raw = async (table: string, id: string) =>
    (await testDb.db.query<{ tags: Record<string, string> }>(`SELECT tags FROM ${table} WHERE bot_id = $1 AND id = $2`, [botId, id])).rows[0]!.tags
  const records = async () => {
    const user = await stored.users.create({ name: 'Ada', tags: { plan: 'pro', gone: '' } })
    const conversation = await stored.conversations.create({ channel: 'webchat', integration: 'webchat', tags: { topic: 'coffee', gone: '' } })
    const message = await stored.messages.create({ conversationId: conversation.id, userId: user.id, direction: 'incoming', type: 'text', payload: { text: 'hi' }, tags: { seen: 'yes', gone: '' } })
    const workflow = await stored.workflows.create({ name: 'onboarding', input: {}, tags: { step: 'one', gone: '' } })
    return { user, conversation, message, workflow }
  }

  it('are not stored when a record is created, nor kept when a store updates one', async () => {
    const { user, conversation, message, workflow } = await records()
    expect([user.tags, conversation.tags, message.tags, workflow.tags]).toEqual([{ plan: 'pro' }, { topic: 'coffee' }, { seen: 'yes' }, { step: 'one' }])
    await stored.users.update(user.id, { tags: { plan: '' } })
    await stored.conversations.update(conversation.id, { tags: { topic: '', mood: 'calm' } })
    await stored.messages.update(message.id, { tags: { seen: '' } })
    await stored.workflows.update(workflow.id, { tags: { step: '' } })
    expect([await raw('parley_users', user.id), await raw('parley_conversations', conversation.id), await raw('parley_messages', message.id), await raw('parley_workflows', workflow.id)])
      .toEqual([{}, { mood: 'calm' }, {}, {}])
    expect((await stored.conversations.list({ tags: { topic: '' } })).items).toEqual([])
    expect((await stored.users.list({ tags: { plan: '' } })).items).toEqual([])
    expect((await stored.messages.list({ conversationId: conversation.id, tags: { seen: '' } })).items).toEqual([])
    expect((await stored.conversations.list({ tags: { mood: 'calm' } })).items.map((item) => item.id)).toEqual([conversation.id])
  })

  it('are removed by a turn, which reads them as removed before it commits', async () => {
    const { user, conversation, message } = await records()
    const turn = createTurnBuffer({ db: testDb.db, botId, stored })
    await turn.stores.users.update(user.id, { tags: { plan: '' } })
    await turn.stores.conversations.update(conversation.id, { tags: { topic: '' } })
    await turn.stores.messages.update(message.id, { tags: { seen: '' } })
    const own = await turn.stores.messages.create({ conversationId: conversation.id, userId: user.id, direction: 'outgoing', type: 'text', payload: { text: 'yo' }, tags: { kind: 'reply', gone: '' } })
    const run = await turn.stores.workflows.create({ name: 'onboarding', input: {}, tags: { step: 'one' } })
    await turn.stores.workflows.update(run.id, { tags: { step: '' } })
    const seen = async (stores: BotStorage) => [
      (await stores.users.get(user.id))!.tags, (await stores.conversations.get(conversation.id))!.tags,
      (await stores.messages.get(message.id))!.tags, (await stores.messages.get(own.id))!.tags, (await stores.workflows.get(run.id))!.tags,
    ]
    const removed = [{}, {}, {}, { kind: 'reply' }, {}]
    expect(await seen(turn.stores)).toEqual(removed)
    expect((await turn.stores.messages.list({ conversationId: conversation.id, tags: { gone: '' } })).items).toEqual([])
    await turn.commit()
    expect(await seen(stored)).toEqual(removed)
    expect([await raw('parley_users', user.id), await raw('parley_conversations', conversation.id), await raw('parley_messages', message.id), await raw('parley_messages', own.id), await raw('parley_workflows', run.id)])
      .toEqual(removed)
  })

  it('are removed from the records that kept them before this version', async () => {
    const old = await driver.open()
    try {
      await migrate(old.db, MIGRATIONS.filter((migration) => migration.version < 22))
      const user = await createBotStorage(old.db, { botId }).users.create({ tags: { plan: 'pro', gone: '' } })
      expect(user.tags).toEqual({ plan: 'pro', gone: '' })
      await migrate(old.db)
      expect((await createBotStorage(old.db, { botId }).users.get(user.id))!.tags).toEqual({ plan: 'pro' })
    } finally {
      await old.dispose()
    }
  })
})
