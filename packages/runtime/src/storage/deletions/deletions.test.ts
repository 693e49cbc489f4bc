import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBotStorage, type BotStorage } from '../bot-storage.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'
import { deleteConversation, deleteMessage, deleteUser } from './deletions.js'

const BOT = 'bot-del'

describe.each(testDrivers())('deleting users, conversations and messages on $name', (driver) => {
  let testDb: TestDatabase
  let stores: BotStorage
  beforeAll(async () => {
    testDb = await openMigrated(driver)
    stores = createBotStorage(testDb.db, { botId: BOT })
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  const count = async (sql: string, params: unknown[]) => (await testDb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n
  const job = (kind: string, payload: object, key: string | null = null) =>
    testDb.db.query(`INSERT INTO parley_jobs (bot_id, kind, key, payload, run_at) VALUES ($1, $2, $3, $4::text::jsonb, now())`, [BOT, kind, key, JSON.stringify(payload)])

  async function conversationWithEverything() {
    const conversation = await stores.conversations.create({ channel: 'channel', integration: 'webchat', tags: { topic: 'x' } })
    const [ada, bob] = [await stores.users.create({ name: 'ada' }), await stores.users.create({ name: 'bob' })]
    for (const user of [ada, bob]) await stores.messages.create({ conversationId: conversation.id, userId: user.id, direction: 'incoming', type: 'text', payload: { text: 'hi' } })
    await stores.states.set({ type: 'conversation', id: conversation.id, name: 'memory' }, { n: 1 }, { expiry: 60_000 })
    await stores.states.set({ type: 'user', id: ada.id, name: 'profile' }, { n: 1 })
    const run = await stores.workflows.create({ name: 'survey', input: {}, conversationId: conversation.id })
    await stores.states.set({ type: 'workflow', id: run.id, name: 'progress' }, { step: 1 })
    await stores.events.create({ type: 'ping', payload: {}, conversationId: conversation.id })
    await job('event', { conversationId: conversation.id, eventId: 'evt_1' })
    await job('workflowContinue', { workflowId: run.id })
    await job('conversationEnd', {}, `conversationEnd:${conversation.id}`)
    await job('stateExpired', { state: { type: 'conversation', id: conversation.id, name: 'memory' } })
    return { conversation, ada, bob, run }
  }

  it('deletes a conversation with its messages, states, events, workflow runs and jobs, and nothing of another', async () => {
    const kept = await conversationWithEverything()
    const { conversation, ada, run } = await conversationWithEverything()
    expect(await deleteConversation(testDb.db, BOT, conversation.id)).toBe(true)

    expect(await stores.conversations.get(conversation.id)).toBeUndefined()
    expect(await count('parley_messages WHERE bot_id = $1 AND conversation_id = $2', [BOT, conversation.id])).toBe(0)
    expect(await count('parley_states WHERE bot_id = $1 AND id = ANY($2::text[])', [BOT, [conversation.id, run.id]])).toBe(0)
    expect(await count('parley_events WHERE bot_id = $1 AND conversation_id = $2', [BOT, conversation.id])).toBe(0)
    expect(await stores.workflows.get(run.id)).toBeUndefined()
    expect(await count(`parley_jobs WHERE bot_id = $1 AND (payload::text LIKE '%' || $2 || '%' OR key LIKE '%' || $2)`, [BOT, conversation.id])).toBe(0)
    expect(await count(`parley_jobs WHERE bot_id = $1 AND payload->>'workflowId' = $2`, [BOT, run.id])).toBe(0)
    expect(await stores.users.get(ada.id)).toBeDefined()

    expect(await count('parley_messages WHERE bot_id = $1 AND conversation_id = $2', [BOT, kept.conversation.id])).toBe(2)
    expect(await count(`parley_jobs WHERE bot_id = $1 AND (payload::text LIKE '%' || $2 || '%' OR key LIKE '%' || $2)`, [BOT, kept.conversation.id])).toBe(3)
    expect(await stores.workflows.get(kept.run.id)).toBeDefined()
    expect(await deleteConversation(testDb.db, BOT, conversation.id)).toBe(false)
  })

  it('deletes a user with the messages they sent and their states, keeping the conversation', async () => {
    const { conversation, ada, bob } = await conversationWithEverything()
    expect(await deleteUser(testDb.db, BOT, ada.id)).toBe(true)
    expect(await stores.users.get(ada.id)).toBeUndefined()
    expect(await stores.states.get({ type: 'user', id: ada.id, name: 'profile' })).toBeUndefined()
    const left = await stores.messages.list({ conversationId: conversation.id })
    expect(left.items.map((message) => message.userId)).toEqual([bob.id])
    expect(await deleteUser(testDb.db, BOT, ada.id)).toBe(false)
  })

  it('deletes one message', async () => {
    const { conversation } = await conversationWithEverything()
    const [first, second] = (await stores.messages.list({ conversationId: conversation.id })).items
    expect(await deleteMessage(testDb.db, BOT, first!.id)).toBe(true)
    expect(await deleteMessage(testDb.db, BOT, first!.id)).toBe(false)
    expect((await stores.messages.list({ conversationId: conversation.id })).items.map((message) => message.id)).toEqual([second!.id])
    expect(await deleteMessage(testDb.db, 'bot-other', second!.id)).toBe(false)
  })
})
