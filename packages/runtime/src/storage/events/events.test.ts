import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEventStore, type EventStore } from './events.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'

describe.each(testDrivers())('events on $name', (driver) => {
  let testDb: TestDatabase
  let events: EventStore
  beforeAll(async () => {
    testDb = await openMigrated(driver)
    events = createEventStore(testDb.db, 'bot-a')
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  it('creates a pending event with its references and reads it back', async () => {
    const created = await events.create({ type: 'analytics:tracked', payload: { name: 'signup' }, conversationId: 'conv_1', userId: 'user_1', messageId: 'msg_1' })
    expect(created).toEqual({
      id: expect.stringMatching(/^evt_[0-9a-f]{32}$/), type: 'analytics:tracked', payload: { name: 'signup' },
      conversationId: 'conv_1', userId: 'user_1', messageId: 'msg_1', status: 'pending', createdAt: expect.any(String), updatedAt: expect.any(String),
    })
    expect(await events.get(created.id)).toEqual(created)
    expect(await createEventStore(testDb.db, 'bot-b').get(created.id)).toBeUndefined()
  })

  it('leaves absent references out', async () => {
    const created = await events.create({ type: 'ping', payload: {} })
    expect(Object.keys(created).sort()).toEqual(['createdAt', 'id', 'payload', 'status', 'type', 'updatedAt'])
  })

  it('marks an event processed, or failed with its error, and a later success clears the error', async () => {
    const created = await events.create({ type: 'ping', payload: {} })
    expect(await events.markFailed(created.id, 'handler threw: boom')).toMatchObject({ status: 'failed', error: 'handler threw: boom' })
    const processed = await events.markProcessed(created.id)
    expect(processed.status).toBe('processed')
    expect(processed).not.toHaveProperty('error')
    expect(await events.get(created.id)).toEqual(processed)
  })

  it('refuses to mark an event that does not exist', async () => {
    await expect(events.markProcessed('evt_nope')).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'event "evt_nope" does not exist in bot "bot-a"' })
    await expect(events.markFailed('evt_nope', 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('lists by type, status, conversation and user, in pages', async () => {
    const store = createEventStore(testDb.db, 'bot-list')
    const a = await store.create({ type: 'a', payload: { n: 1 }, conversationId: 'conv_x' })
    await store.create({ type: 'b', payload: { n: 2 }, userId: 'user_y' })
    await store.create({ type: 'a', payload: { n: 3 }, userId: 'user_y' })
    await store.markProcessed(a.id)
    const ns = (page: Awaited<ReturnType<EventStore['list']>>) => page.items.map((event) => event.payload['n'])
    expect(ns(await store.list({ type: 'a' }))).toEqual([1, 3])
    expect(ns(await store.list({ status: 'pending' }))).toEqual([2, 3])
    expect(ns(await store.list({ conversationId: 'conv_x' }))).toEqual([1])
    expect(ns(await store.list({ userId: 'user_y', type: 'a' }))).toEqual([3])
    expect(await store.list({ limit: 2 })).toMatchObject({ nextOffset: 2 })
    expect(ns(await store.list({ order: 'desc', limit: 1 }))).toEqual([3])
  })
})
