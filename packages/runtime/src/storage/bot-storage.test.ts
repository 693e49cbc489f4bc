import { z } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBotStorage } from './bot-storage.js'
import { ensureTables } from './tables/ensure-tables.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from './testing/test-databases.js'

const tables = { notes: { schema: z.object({ text: z.string() }) } }

describe.each(testDrivers())('bot storage on $name', (driver) => {
  let testDb: TestDatabase
  beforeAll(async () => {
    testDb = await openMigrated(driver)
    await ensureTables(testDb.db, 'bot-a', tables)
    await ensureTables(testDb.db, 'bot-tx', tables)
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  it('gives every store of a bot, over one database', async () => {
    const storage = createBotStorage(testDb.db, { botId: 'bot-a', tables })
    const user = await storage.users.create()
    const conversation = await storage.conversations.create({ channel: 'channel', integration: 'webchat' })
    const message = await storage.messages.create({ conversationId: conversation.id, userId: user.id, direction: 'incoming', type: 'text', payload: { text: 'hi' } })
    await storage.events.create({ type: 'seen', payload: {}, messageId: message.id })
    await storage.states.set({ type: 'user', id: user.id, name: 'profile' }, { seen: true })
    await storage.tables.createRows({ table: 'notes', rows: [{ text: 'hello' }] })
    await storage.workflows.create({ name: 'greet', input: {} })
    expect((await storage.messages.list({ conversationId: conversation.id })).items).toEqual([message])
  })

  it('makes the writes of several stores one change when given a transaction', async () => {
    const failing = testDb.db.transaction(async (tx) => {
      const storage = createBotStorage(tx, { botId: 'bot-tx', tables })
      await storage.users.create({ name: 'rolled back' })
      await storage.states.set({ type: 'bot', id: 'bot-tx', name: 'counter' }, { n: 1 })
      await storage.tables.createRows({ table: 'notes', rows: [{ text: 'rolled back' }] })
      expect((await storage.tables.findRows({ table: 'notes', filter: { text: 'rolled back' } })).total).toBe(1)
      throw new Error('handler failed')
    })
    await expect(failing).rejects.toThrow('handler failed')
    const storage = createBotStorage(testDb.db, { botId: 'bot-tx', tables })
    expect((await storage.users.list()).items).toEqual([])
    expect(await storage.states.get({ type: 'bot', id: 'bot-tx', name: 'counter' })).toBeUndefined()
    expect((await storage.tables.findRows({ table: 'notes', filter: { text: 'rolled back' } })).total).toBe(0)
  })

  it('applies the configured state size limit', async () => {
    const storage = createBotStorage(testDb.db, { botId: 'bot-a', stateSizeLimit: 10 })
    await expect(storage.states.set({ type: 'bot', id: 'bot-a', name: 'big' }, { text: 'more than ten bytes' })).rejects.toMatchObject({ code: 'STATE_TOO_LARGE', limit: 10 })
  })
})
