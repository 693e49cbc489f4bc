import { BotDefinition, BotImplementation, PluginDefinition, PluginImplementation, z, type Message } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../src/index.js'
import { STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../src/storage/testing/test-databases.js'
import { TRACE_PAGE_STATEMENT } from '../src/storage/traces/trace-batch.js'
import { gate } from './support/gate.js'
import { createTestBot, type TestBot } from '../src/testing/index.js'

const counter = { type: 'conversation' as const, schema: z.object({ n: z.number().int() }) }
const log = { type: 'conversation' as const, schema: z.object({ texts: z.array(z.string()) }) }
const tally = { type: 'bot' as const, schema: z.object({ n: z.number().int() }) }

/**
 * Counts the statements a database is sent, and those that may write (so commit). The traces of turns
 * are not a turn's statements: a batch of them is written on a timer of its own (`trace-batch.ts`), so
 * on a slow machine one may land while the turn runs. They are left out.
 */
function counting(db: Database) {
  const seen: string[] = []
  const count = (sql: string, name?: string) => void (name === TRACE_PAGE_STATEMENT || seen.push(sql))
  const counted: Database = { ...db, query: (sql, params, options) => (count(sql, options?.name), db.query(sql, params, options)) }
  return { db: counted, seen, reset: () => void seen.splice(0) }
}

function bot(trace: string[] = [], handler?: (props: any) => Promise<void>) {
  const definition = new BotDefinition({ states: { counter, log, tally }, events: { counted: { schema: z.object({ n: z.number() }) } } })
  const implementation = new BotImplementation({ actions: {} })
  implementation.on.message('text', async (props) => {
    if (handler) return handler(props)
    const { message, states, client, ctx } = props
    const { state } = await states.counter.getOrSet({ id: ctx.conversationId, payload: { n: 0 } })
    await states.counter.set({ id: ctx.conversationId, payload: { n: state.payload.n + 1 } })
    await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: `${message.payload.text} #${state.payload.n + 1}` } })
  })
  implementation.on.event('counted', async ({ event, states, ctx }) => {
    const { state } = await states.counter.get({ id: ctx.conversationId })
    trace.push(`event ${event.payload.n} sees ${state.payload.n}`)
  })
  return { definition, implementation }
}

describe.each(testDrivers())('a turn on $name', (driver) => {
  let testDb: TestDatabase
  beforeAll(async () => {
    testDb = await driver.open()
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  /** A bot of its own (its own bot id) on the driver's database. */
  async function start(composed: ReturnType<typeof bot>, wrap?: (db: Database) => Database): Promise<{ bot: TestBot; dispose(): Promise<void> }> {
    const started = await createTestBot({ ...composed, database: wrap ? wrap(testDb.db) : testDb.db })
    return { bot: started, dispose: () => started.stop() }
  }

  it('stores nothing until it ends, then everything at once: the message, the state, the reply', async () => {
    const wait = gate()
    const { bot: testBot, dispose } = await start(bot([], async ({ message, states, client, ctx }) => {
      await states.counter.set({ id: ctx.conversationId, payload: { n: 1 } })
      const reply = await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: 'reply' } })
      // The turn reads its own writes.
      expect((await states.counter.get({ id: ctx.conversationId })).state.payload).toEqual({ n: 1 })
      expect((await client.listMessages({ conversationId: ctx.conversationId })).messages.map((m: Message) => m.id)).toEqual([message.id, reply.message.id])
      await wait.wait()
    }))
    const conversation = await testBot.conversation()
    const sending = conversation.send('hi')
    await wait.arrived
    expect(await conversation.messages()).toEqual([])
    expect(await testBot.getState('conversation', conversation.id, 'counter')).toBeUndefined()
    wait.open()
    expect((await sending).texts).toEqual(['reply'])
    expect(await conversation.transcript()).toEqual(['user: hi', 'bot: reply'])
    expect(await testBot.getState('conversation', conversation.id, 'counter')).toEqual({ n: 1 })
    await dispose()
  })

  it('undoes the writes of a handler that throws, keeps the others\', and records the failure', async () => {
    const definition = new BotDefinition({ states: { counter } })
    const flaky = new PluginDefinition({ name: 'flaky', version: '1.0.0', states: { seen: { type: 'conversation', schema: z.object({ yes: z.boolean() }) } } })
    definition.addPlugin({
      definition: flaky,
      implementation: new PluginImplementation({
        actions: {},
        on: (on) => on.message('*', async ({ states, client, ctx }) => {
          await states.seen.set({ id: ctx.conversationId, payload: { yes: true } })
          await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: 'half done' } })
          throw new Error('the plugin broke')
        }),
      }),
    }, {})
    const implementation = new BotImplementation({ actions: {} })
    implementation.on.message('text', async ({ states, client, ctx }) => {
      await states.counter.set({ id: ctx.conversationId, payload: { n: 1 } })
      await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: 'done' } })
    })
    const { bot: testBot, dispose } = await start({ definition, implementation } as never)
    const conversation = await testBot.conversation()
    const exchange = await conversation.send('hi')
    expect(exchange.texts).toEqual(['done'])
    expect(exchange.failures.map((failure) => failure.error.message)).toEqual(['the plugin broke'])
    expect(await conversation.transcript()).toEqual(['user: hi', 'bot: done'])
    expect(await testBot.getState('conversation', conversation.id, 'flaky:seen')).toBeUndefined()
    expect(await testBot.getState('conversation', conversation.id, 'counter')).toEqual({ n: 1 })
    await dispose()
  })

  it('tells listeners of a reply once it is stored, and runs an emitted event after the turn that emitted it', async () => {
    const trace: string[] = []
    const { bot: testBot, dispose } = await start(bot(trace, async ({ states, client, events, ctx }) => {
      await states.counter.set({ id: ctx.conversationId, payload: { n: 7 } })
      await events.counted.emit({ n: 1 })
      await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: 'seven' } })
    }))
    const stored: boolean[] = []
    testBot.runtime.onMessage((message) => {
      void testBot.client.getMessage({ id: message.id }).then(() => stored.push(true), () => stored.push(false))
    })
    const exchange = await testBot.send('count')
    await testBot.settle()
    expect(exchange.texts).toEqual(['seven'])
    expect(stored).toEqual([true])
    expect(trace).toEqual(['event 1 sees 7'])
    await dispose()
  })

  it('of an action called from outside is stored when it returns, and not at all when it throws', async () => {
    const definition = new BotDefinition({
      states: { tally },
      actions: { add: { input: { schema: z.object({ fail: z.boolean() }) }, output: { schema: z.object({}) } } },
    })
    const implementation = new BotImplementation({
      actions: {
        add: async ({ input, states, ctx }) => {
          await states.tally.set({ id: ctx.botId, payload: { n: 1 } })
          if (input.fail) throw new Error('no')
          return {}
        },
      },
    })
    const { bot: testBot, dispose } = await start({ definition, implementation } as never)
    await expect(testBot.callAction('add', { fail: true })).rejects.toThrow('no')
    expect(await testBot.getState('bot', testBot.runtime.botId, 'tally')).toBeUndefined()
    await testBot.callAction('add', { fail: false })
    expect(await testBot.getState('bot', testBot.runtime.botId, 'tally')).toEqual({ n: 1 })
    await dispose()
  })

  it('handles the messages of one conversation one at a time, in the order they arrive', async () => {
    const { bot: testBot, dispose } = await start(bot([], async ({ message, states, ctx }) => {
      const { state } = await states.log.getOrSet({ id: ctx.conversationId, payload: { texts: [] } })
      await new Promise((resolve) => setImmediate(resolve))
      await states.log.set({ id: ctx.conversationId, payload: { texts: [...state.payload.texts, message.payload.text] } })
    }))
    const conversation = await testBot.conversation()
    const texts = Array.from({ length: 40 }, (_, i) => `m${i}`)
    await Promise.all(texts.map((text) => testBot.runtime.receiveMessage({ conversationId: conversation.id, userId: conversation.user.id, type: 'text', payload: { text } })))
    expect(await testBot.getState('conversation', conversation.id, 'log')).toEqual({ texts })
    expect((await conversation.messages()).map((message) => (message.payload as { text: string }).text)).toEqual(texts)
    await dispose()
  })

  it('loses no update of state shared by many conversations at once', async () => {
    const { bot: testBot, dispose } = await start(bot([], async ({ states, ctx }) => {
      await states.tally.update({ id: ctx.botId, default: { n: 0 }, update: (payload: { n: number }) => ({ n: payload.n + 1 }) })
    }))
    const conversations = await Promise.all(Array.from({ length: 30 }, () => testBot.conversation()))
    await Promise.all(conversations.map((conversation) => conversation.send('+1')))
    expect(await testBot.getState('bot', testBot.runtime.botId, 'tally')).toEqual({ n: 30 })
    await dispose()
  })

  it('of an ordinary message takes at most three statements, one of which stores its writes', async () => {
    let count: ReturnType<typeof counting> | undefined
    const { bot: testBot, dispose } = await start(bot(), (db) => (count = counting(db)).db)
    const conversation = await testBot.conversation()
    await conversation.send('warm up')
    count!.reset()
    await testBot.runtime.receiveMessage({ conversationId: conversation.id, userId: conversation.user.id, type: 'text', payload: { text: 'hi' } })
    expect(count!.seen.length).toBeLessThanOrEqual(3)
    expect(count!.seen.filter((sql) => /parley_turn_commit|^\s*(INSERT|UPDATE|DELETE)/i.test(sql))).toHaveLength(1)
    expect(await conversation.transcript()).toEqual(['user: warm up', 'bot: warm up #1', 'user: hi', 'bot: hi #2'])
    await dispose()
  })
})

describe('state versions through the client', () => {
  it('write conditionally, update atomically and patch by merging', async () => {
    const testBot = await createTestBot(bot())
    const { client } = testBot
    const key = { type: 'bot' as const, id: testBot.runtime.botId, name: 'tally' }
    const { state } = await client.setState({ ...key, payload: { n: 1 } })
    expect(state.version).toBe(1)
    await expect(client.setState({ ...key, payload: { n: 2 }, ifVersion: 7 })).rejects.toMatchObject({ code: 'STATE_VERSION_CONFLICT', message: expect.stringMatching(/at version 1, not at version 7/) })
    expect((await client.setState({ ...key, payload: { n: 2 }, ifVersion: 1 })).state.version).toBe(2)
    expect((await client.updateState({ ...key, update: (payload: { n: number }) => ({ n: payload.n * 10 }) })).state).toMatchObject({ version: 3, payload: { n: 20 } })
    await expect(client.updateState({ type: 'conversation', id: 'nobody', name: 'counter', update: (payload: object) => payload })).rejects.toMatchObject({ code: 'STATE_NOT_FOUND' })
    await expect(client.deleteState({ ...key, ifVersion: 1 })).rejects.toMatchObject({ code: 'STATE_VERSION_CONFLICT' })
    await client.deleteState({ ...key, ifVersion: 3 })
    await expect(client.getState(key)).rejects.toMatchObject({ code: 'STATE_NOT_FOUND' })
    await testBot.stop()
  })
})
