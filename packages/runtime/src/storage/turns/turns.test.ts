import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBotStorage, type BotStorage } from '../bot-storage.js'
import type { Queryable } from '../database/database.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'
import { beginTurn } from './begin.js'
import { checkTicket, isFor, releaseTicket, takeTicket, waitForTurn } from './conversation-lock.js'
import { createTurnBuffer, type TurnBuffer } from './turn-buffer.js'
import { stateKeyOf } from './pending.js'

describe.each(testDrivers())('a turn on $name', (driver) => {
  let testDb: TestDatabase
  let stored: BotStorage
  let counted = 0
  const botId = 'bot-turns'
  const turn = (start?: Awaited<ReturnType<typeof beginTurn>>): TurnBuffer => createTurnBuffer({ db: testDb.db, botId, stored, ...(start ? { start } : {}) })
  const parties = async () => {
    const user = await stored.users.create({ name: 'Ada' })
    const conversation = await stored.conversations.create({ channel: 'webchat', integration: 'webchat' })
    return { user, conversation }
  }
  const statements = <T>(work: () => Promise<T>) => {
    const query = testDb.db.query.bind(testDb.db)
    testDb.db.query = ((sql: string, params?: readonly unknown[], options?: object) => {
      counted++
      return query(sql, params, options)
    }) as typeof testDb.db.query
    return work().finally(() => {
      testDb.db.query = query
    })
  }
  beforeAll(async () => {
    testDb = await openMigrated(driver)
    stored = createBotStorage(testDb.db, { botId })
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  it('makes the senders of its incoming messages participants with its commit, and knows from its start the user who already is one', async () => {
    const { user, conversation } = await parties()
    const other = await stored.users.create({ name: 'Grace' })
    const say = (buffer: TurnBuffer, userId: string, direction: 'incoming' | 'outgoing' = 'incoming') =>
      buffer.stores.messages.create({ conversationId: conversation.id, userId, direction, type: 'text', payload: { text: 'hi' } })
    const participants = async () => (await stored.participants.list(conversation.id)).items.map((member) => member.name)
    const start = () => beginTurn(testDb.db, botId, { conversationId: conversation.id, userId: user.id })
    expect((await start()).participants.size).toBe(0)

    const first = turn(await start())
    await say(first, user.id)
    await say(first, user.id)
    await say(first, other.id, 'outgoing')
    counted = 0
    await statements(() => first.commit())
    expect(counted).toBe(1)
    expect(await participants()).toEqual(['Ada'])
    expect((await start()).participants.size).toBe(1)

    // Removed in the turn in which it speaks: it stays out; removed between turns: its next message brings it back.
    const leaving = turn(await start())
    await say(leaving, user.id)
    await leaving.stores.participants.remove(conversation.id, user.id)
    await leaving.commit()
    expect(await participants()).toEqual([])
    const back = turn(await start())
    await say(back, user.id)
    await say(back, other.id)
    await back.commit()
    expect(await participants()).toEqual(['Ada', 'Grace'])
  })

  it('reads its own writes, stores nothing before it commits, and everything in one statement', async () => {
    const { user, conversation } = await parties()
    const buffer = turn()
    const incoming = await buffer.stores.messages.create({ conversationId: conversation.id, userId: user.id, direction: 'incoming', type: 'text', payload: { text: 'hi' } })
    await buffer.stores.messages.update(incoming.id, { tags: { seen: 'yes' } })
    const counter = { type: 'conversation' as const, id: conversation.id, name: 'counter' }
    await buffer.stores.states.set(counter, { n: 1 })
    await buffer.stores.states.patch(counter, { m: 2 })
    const event = await buffer.stores.events.create({ type: 'greeted', payload: {}, conversationId: conversation.id })
    buffer.addJob({ kind: 'event', payload: { eventId: event.id }, runAt: new Date().toISOString() })
    await buffer.stores.conversations.update(conversation.id, { tags: { topic: 'greeting' } })

    expect(await buffer.stores.states.get(counter)).toMatchObject({ payload: { n: 1, m: 2 }, version: 1 })
    expect((await buffer.stores.messages.list({ conversationId: conversation.id })).items).toEqual([{ ...incoming, tags: { seen: 'yes' }, updatedAt: expect.any(String) }])
    expect((await buffer.stores.conversations.get(conversation.id))?.tags).toEqual({ topic: 'greeting' })
    expect(await stored.messages.get(incoming.id)).toBeUndefined()
    expect(await stored.states.get(counter)).toBeUndefined()

    counted = 0
    const result = await statements(() => buffer.commit())
    expect(counted).toBe(1)
    expect(result.failures).toEqual([])
    expect(await stored.messages.get(incoming.id)).toMatchObject({ tags: { seen: 'yes' }, createdAt: incoming.createdAt })
    expect(await stored.states.get(counter)).toMatchObject({ payload: { n: 1, m: 2 }, version: 1 })
    expect(await stored.events.get(event.id)).toMatchObject({ type: 'greeted', status: 'pending' })
    expect((await stored.conversations.get(conversation.id))?.tags).toEqual({ topic: 'greeting' })
    const { rows } = await testDb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM parley_jobs WHERE bot_id = $1 AND payload->>'eventId' = $2`, [botId, event.id])
    expect(rows).toEqual([{ n: 1 }])
  })

  it('lists its own event as scheduled while its delivery is due later, as the stored listing does once committed', async () => {
    const { conversation } = await parties()
    const buffer = turn()
    const now = new Date()
    const later = new Date(now.getTime() + 60_000)
    const event = await buffer.stores.events.create({ type: 'nudged', payload: {}, conversationId: conversation.id })
    buffer.addJob({ kind: 'event', payload: { eventId: event.id }, runAt: later.toISOString() })
    const listed = async (stores: BotStorage, at: Date) => Promise.all((['scheduled', 'pending'] as const).map(async (status) => {
      const options = { type: 'nudged', conversationId: conversation.id, status, now: at }
      return [(await stores.events.list(options)).items.map((item) => item.id), await stores.events.count(options)]
    }))
    const before = [[[event.id], 1], [[], 0]]
    const after = [[[], 0], [[event.id], 1]]
    expect([await listed(buffer.stores, now), await listed(buffer.stores, later)]).toEqual([before, after])
    await buffer.commit()
    expect([await listed(stored, now), await listed(stored, later)]).toEqual([before, after])
  })

  it('lists a stored event it settled by its new status, in the stored order, and counts it so', async () => {
    const { conversation } = await parties()
    const [first, second, third] = [0, 1, 2].map(() => stored.events.create({ type: 'settled', payload: {}, conversationId: conversation.id }))
    const events = [await first!, await second!, await third!]
    const buffer = turn()
    await buffer.stores.events.markProcessed(events[1]!.id)
    await buffer.stores.events.markFailed(events[2]!.id, 'no')
    const listed = async (stores: BotStorage) => Promise.all((['pending', 'processed', 'failed'] as const).map(async (status) => {
      const options = { type: 'settled', conversationId: conversation.id, status }
      const page = await stores.events.list({ ...options, limit: 1 })
      return [(await stores.events.list(options)).items.map((item) => [item.id, item.status]), await stores.events.count(options), page.nextOffset]
    }))
    const expected = [[[[events[0]!.id, 'pending']], 1, undefined], [[[events[1]!.id, 'processed']], 1, undefined], [[[events[2]!.id, 'failed']], 1, undefined]]
    expect(await listed(buffer.stores)).toEqual(expected)
    expect((await buffer.stores.events.list({ type: 'settled', order: 'desc' })).items.map((item) => item.status)).toEqual(['failed', 'processed', 'pending'])
    await buffer.commit()
    expect(await listed(stored)).toEqual(expected)
  })

  it('stores the states it sets together, each answered as stored: versions go on, an expired one starts again at 1', async () => {
    const { user, conversation } = await parties()
    const key = (name: string) => ({ type: 'conversation' as const, id: conversation.id, name })
    const [live, expired, fresh, odd, mine] = [key('live'), key('expired'), key('fresh'), key('__proto__'), { type: 'user' as const, id: user.id, name: 'live' }]
    await stored.states.set(live, { v: 0 })
    await stored.states.set(live, { v: 1 })
    const old = await stored.states.set(expired, { v: 0 })
    await testDb.db.query(`UPDATE parley_states SET expires_at = now() - interval '1 minute', created_at = now() - interval '1 hour' WHERE bot_id = $1 AND id = $2 AND name = 'expired'`, [botId, conversation.id])
    await stored.states.set(mine, { v: 0 })

    const buffer = turn()
    const written = [[live, { v: 'a' }], [expired, { v: 'b' }], [fresh, { v: 'c' }], [odd, { v: 'd' }], [mine, { v: 'e' }]] as const
    for (const [state, payload] of written) await buffer.stores.states.set(state, payload, state === fresh ? { expiry: 60_000 } : {})
    const result = await buffer.commit()

    expect(result.failures).toEqual([])
    for (const [state] of written) expect(result.states.get(stateKeyOf(state))).toEqual(await stored.states.get(state))
    expect(await stored.states.get(live)).toMatchObject({ payload: { v: 'a' }, version: 3 })
    const restarted = await stored.states.get(expired)
    expect(restarted).toMatchObject({ payload: { v: 'b' }, version: 1 })
    expect(restarted!.createdAt > old.createdAt).toBe(true)
    const expiresIn = Date.parse((await stored.states.get(fresh))!.expiresAt!) - Date.now()
    expect(expiresIn > 30_000 && expiresIn <= 60_000).toBe(true)
    expect(await stored.states.get(odd)).toMatchObject({ payload: { v: 'd' }, version: 1 })
    expect(await stored.states.get(mine)).toMatchObject({ payload: { v: 'e' }, version: 2 })
  })

  it('updates stored records by their keys, reading none of the bot\'s other rows however many it has', async () => {
    const { user, conversation } = await parties()
    const many = 3_000
    const tables = ['parley_events', 'parley_messages', 'parley_conversations', 'parley_users']
    await testDb.db.query(`INSERT INTO parley_events (bot_id, id, type, payload, status) SELECT $1, 'evt_many_' || i, 'bulk', '{}', 'pending' FROM generate_series(1, ${many}) i`, [botId])
    await testDb.db.query(`INSERT INTO parley_messages (bot_id, id, conversation_id, user_id, direction, type, payload, tags)
      SELECT $1, 'msg_many_' || i, $2, $3, 'incoming', 'text', '{"text":"hi"}', '{}' FROM generate_series(1, ${many}) i`, [botId, conversation.id, user.id])
    await testDb.db.query(`INSERT INTO parley_conversations (bot_id, id, channel, integration) SELECT $1, 'conv_many_' || i, 'webchat', 'webchat' FROM generate_series(1, ${many}) i`, [botId])
    await testDb.db.query(`INSERT INTO parley_users (bot_id, id) SELECT $1, 'user_many_' || i FROM generate_series(1, ${many}) i`, [botId])

    // Rows read in this transaction, by table: what the commit looked at to find the rows it changes.
    const read = async (tx: Queryable) => Object.fromEntries((await tx.query<{ relname: string; n: number }>(
      `SELECT relname, (coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0))::int AS n FROM pg_stat_xact_user_tables WHERE relname = ANY ($1) AND schemaname = current_schema()`, [tables])).rows.map((row) => [row.relname, row.n]))
    const changed = await testDb.db.transaction(async (tx) => {
      const buffer = createTurnBuffer({ db: tx, botId, stored: createBotStorage(tx, { botId }) })
      await buffer.stores.events.markProcessed('evt_many_1234')
      await buffer.stores.messages.update('msg_many_2345', { tags: { seen: 'yes' } })
      await buffer.stores.conversations.update('conv_many_3', { tags: { topic: 'bulk' } })
      await buffer.stores.users.update(user.id, { tags: { tier: 'gold' } })
      const before = await read(tx)
      await buffer.commit()
      const after = await read(tx)
      return Object.fromEntries(tables.map((table) => [table, (after[table] ?? 0) - (before[table] ?? 0)]))
    })

    for (const table of tables) expect(changed[table]).toBeLessThanOrEqual(2)
    expect(await stored.events.get('evt_many_1234')).toMatchObject({ status: 'processed' })
    expect(await stored.events.get('evt_many_1235')).toMatchObject({ status: 'pending' })
    expect((await stored.messages.get('msg_many_2345'))?.tags).toEqual({ seen: 'yes' })
    expect((await stored.conversations.get('conv_many_3'))?.tags).toEqual({ topic: 'bulk' })
    expect((await stored.users.get(user.id))?.tags).toMatchObject({ tier: 'gold' })
  })

  it('undoes what a savepoint wrote when its work throws, and keeps the rest', async () => {
    const { user, conversation } = await parties()
    const buffer = turn()
    const kept = { type: 'user' as const, id: user.id, name: 'kept' }
    await buffer.stores.states.set(kept, { v: 1 })
    await expect(buffer.savepoint(async () => {
      await buffer.stores.states.set(kept, { v: 2 })
      await buffer.stores.messages.create({ conversationId: conversation.id, userId: user.id, direction: 'outgoing', type: 'text', payload: { text: 'lost' } })
      throw new Error('handler failed')
    })).rejects.toThrow('handler failed')
    expect(await buffer.stores.states.get(kept)).toMatchObject({ payload: { v: 1 } })
    expect(buffer.messages()).toEqual([])
    await buffer.commit()
    expect(await stored.states.get(kept)).toMatchObject({ payload: { v: 1 } })
    expect((await stored.messages.list({ conversationId: conversation.id })).items).toEqual([])
  })

  it('nests savepoints: an inner one undone keeps the outer one\'s writes, an outer one undone takes the inner one\'s with it', async () => {
    const { user } = await parties()
    const buffer = turn()
    const state = (name: string) => ({ type: 'user' as const, id: user.id, name })
    await buffer.savepoint(async () => {
      await buffer.stores.states.set(state('outer'), { v: 1 })
      await expect(buffer.savepoint(async () => {
        await buffer.stores.states.set(state('inner'), { v: 1 })
        await buffer.stores.states.set(state('outer'), { v: 2 })
        throw new Error('inner failed')
      })).rejects.toThrow('inner failed')
      expect(await buffer.stores.states.get(state('outer'))).toMatchObject({ payload: { v: 1 } })
      expect(await buffer.stores.states.get(state('inner'))).toBeUndefined()
      await buffer.stores.states.set(state('after'), { v: 1 })
    })
    await expect(buffer.savepoint(async () => {
      await buffer.savepoint(async () => buffer.stores.states.set(state('nested'), { v: 1 }))
      throw new Error('outer failed')
    })).rejects.toThrow('outer failed')
    await buffer.commit()
    const stored_ = async (name: string) => (await stored.states.get(state(name)))?.payload
    expect([await stored_('outer'), await stored_('inner'), await stored_('after'), await stored_('nested')]).toEqual([{ v: 1 }, undefined, { v: 1 }, undefined])
  })

  it('applies its updates and patches again to a state another writer changed meanwhile, losing nothing', async () => {
    const counter = { type: 'bot' as const, id: botId, name: `shared_${driver.name}` }
    await stored.states.set(counter, { n: 0, other: 'x' })
    const buffer = turn()
    await buffer.stores.states.update(counter, (payload) => ({ ...payload, n: (payload['n'] as number) + 1 }))
    await stored.states.update(counter, (payload) => ({ ...payload, n: (payload['n'] as number) + 10, other: 'y' }))
    const result = await buffer.commit()
    expect(result.failures).toEqual([])
    expect(await stored.states.get(counter)).toMatchObject({ payload: { n: 11, other: 'y' }, version: 3 })
  })

  it('drops a conditional write another writer beat, reporting it, and stores the rest', async () => {
    const { user, conversation } = await parties()
    const state = { type: 'user' as const, id: user.id, name: 'guarded' }
    await stored.states.set(state, { v: 1 })
    const buffer = turn()
    await buffer.stores.states.set(state, { v: 2 }, { ifVersion: 1 })
    await buffer.stores.messages.create({ conversationId: conversation.id, userId: user.id, direction: 'outgoing', type: 'text', payload: { text: 'sent' } })
    await stored.states.set(state, { v: 'other' })
    const result = await buffer.commit()
    expect(result.failures).toMatchObject([{ code: 'STATE_VERSION_CONFLICT', expected: 1, actual: 2 }])
    expect(await stored.states.get(state)).toMatchObject({ payload: { v: 'other' } })
    expect((await stored.messages.list({ conversationId: conversation.id })).items).toHaveLength(1)
  })

  it('pages its own messages after the stored ones, both ways', async () => {
    const { user, conversation } = await parties()
    const send = (store: BotStorage, text: string) => store.messages.create({ conversationId: conversation.id, userId: user.id, direction: 'incoming', type: 'text', payload: { text } })
    for (const text of ['s1', 's2', 's3']) await send(stored, text)
    const buffer = turn()
    for (const text of ['t1', 't2']) await send(buffer.stores, text)
    const texts = async (options: object) => {
      const page = await buffer.stores.messages.list({ conversationId: conversation.id, ...options })
      return [page.items.map((message) => message.payload['text']), page.nextOffset]
    }
    expect(await texts({})).toEqual([['s1', 's2', 's3', 't1', 't2'], undefined])
    expect(await texts({ limit: 2, offset: 2 })).toEqual([['s3', 't1'], 4])
    expect(await texts({ limit: 2, offset: 4 })).toEqual([['t2'], undefined])
    expect(await texts({ limit: 2, offset: 5 })).toEqual([[], undefined])
    expect(await texts({ order: 'desc', limit: 2 })).toEqual([['t2', 't1'], 2])
    expect(await texts({ order: 'desc', limit: 2, offset: 1 })).toEqual([['t1', 's3'], 3])
    expect(await texts({ order: 'desc', limit: 3, offset: 3 })).toEqual([['s2', 's1'], undefined])
    expect(await buffer.stores.messages.count({ conversationId: conversation.id })).toBe(5)
  })

  it('begins with the conversation, the user and their states in one statement', async () => {
    const { user, conversation } = await parties()
    await stored.states.set({ type: 'conversation', id: conversation.id, name: 'counter' }, { n: 4 })
    await stored.states.set({ type: 'user', id: user.id, name: 'big' }, { text: 'x'.repeat(20_000) })
    counted = 0
    const start = await statements(() => beginTurn(testDb.db, botId, { conversationId: conversation.id, userId: user.id }))
    expect(counted).toBe(1)
    expect(start).toMatchObject({ conversation: { id: conversation.id }, user: { id: user.id, name: 'Ada' } })
    const buffer = turn(start)
    counted = 0
    await statements(async () => {
      expect(await buffer.stores.states.get({ type: 'conversation', id: conversation.id, name: 'counter' })).toMatchObject({ payload: { n: 4 } })
      expect(await buffer.stores.states.get({ type: 'conversation', id: conversation.id, name: 'absent' })).toBeUndefined()
      expect(await buffer.stores.users.get(user.id)).toMatchObject({ name: 'Ada' })
    })
    expect(counted).toBe(0)
    expect((await buffer.stores.states.get({ type: 'user', id: user.id, name: 'big' }))?.payload['text']).toHaveLength(20_000)
  })

  it('begins with the live states of its own conversation and user only, among those of others', async () => {
    const [mine, other] = [await parties(), await parties()]
    const set = (type: 'conversation' | 'user' | 'bot', id: string, name: string) => stored.states.set({ type, id, name }, { of: `${type} ${name}` })
    await set('conversation', mine.conversation.id, 'kept')
    await set('user', mine.user.id, 'kept')
    await set('conversation', mine.conversation.id, 'expired')
    await testDb.db.query(`UPDATE parley_states SET expires_at = now() - interval '1 minute' WHERE bot_id = $1 AND name = 'expired'`, [botId])
    await set('conversation', other.conversation.id, 'other')
    await set('user', other.user.id, 'other')
    await set('user', mine.conversation.id, 'same id, other type')
    await set('bot', botId, 'bot')
    const start = await beginTurn(testDb.db, botId, { conversationId: mine.conversation.id, userId: mine.user.id })
    expect(start.states.map((state) => state.payload['of']).sort()).toEqual(['conversation kept', 'user kept'])
    const alone = await beginTurn(testDb.db, botId, { conversationId: mine.conversation.id })
    expect(alone.states.map((state) => state.payload['of'])).toEqual(['conversation kept'])
  })

  describe.skipIf(driver.name !== 'postgres')('tickets', () => {
    it('let turns of one conversation run one after the other, in the order they were taken', async () => {
      const { conversation } = await parties()
      const holder = { db: testDb.db, botId, conversationId: conversation.id, leaseMs: 30_000 }
      const first = await takeTicket(holder)
      const second = await takeTicket(holder)
      expect(first.ahead).toEqual([])
      expect(second.ahead.map(([ticket]) => ticket)).toEqual([first.ticket])
      const other = { ...holder, db: await testDb.openAnother() }
      const waiting = waitForTurn(other, second)
      let ran = false
      void waiting.then(() => {
        ran = true
      })
      await checkTicket(holder, first.ticket)
      expect(ran).toBe(false)
      await releaseTicket(testDb.db, botId, conversation.id, first.ticket)
      expect((await waiting).ticket).toBe(second.ticket)
      await releaseTicket(testDb.db, botId, conversation.id, second.ticket)
    })

    it('wake the next holder when a ticket is given back, naming the conversation', async () => {
      const { conversation } = await parties()
      const holder = { db: testDb.db, botId, conversationId: conversation.id, leaseMs: 30_000 }
      const first = await takeTicket(holder)
      const second = await takeTicket(holder)
      let hear = (_payload: string) => {}
      const heard = new Promise<string>((resolve) => {
        hear = resolve
      })
      const stop = await testDb.db.listen!('parley_turns', (payload) => hear(payload))
      await releaseTicket(testDb.db, botId, conversation.id, first.ticket)
      expect(isFor(await heard, holder)).toBe(true)
      expect(isFor(await heard, { ...holder, conversationId: 'another' })).toBe(false)
      await stop()
      await releaseTicket(testDb.db, botId, conversation.id, second.ticket)
    })

    it('let the next turn run once the lease of a holder that went away ends', async () => {
      const { conversation } = await parties()
      const holder = { db: testDb.db, botId, conversationId: conversation.id, leaseMs: 300 }
      const abandoned = await takeTicket(holder)
      const next = await takeTicket({ ...holder, leaseMs: 30_000 })
      expect(next.ahead.map(([ticket]) => ticket)).toEqual([abandoned.ticket])
      const turn = await waitForTurn({ ...holder, leaseMs: 30_000 }, next)
      expect(turn).toMatchObject({ ticket: next.ticket, ahead: [] })
      expect(await checkTicket(holder, abandoned.ticket)).toBeUndefined()
      await releaseTicket(testDb.db, botId, conversation.id, next.ticket)
    })
  })
})
