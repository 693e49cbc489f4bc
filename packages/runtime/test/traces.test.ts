import { BotDefinition, BotImplementation, PluginDefinition, PluginImplementation, z } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adjustableClock, createRuntime, type Runtime, type TraceStep, type TraceSummary } from '../src/index.js'
import { STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../src/storage/testing/test-databases.js'

// Every turn leaves a trace a person can read the turn from: which hooks and handlers ran (whose, how
// long, what they did to the message, how they failed), and what the turn read, wrote, emitted, called
// and sent. It is stored with the turn, kept for a set time, and the logs of the turn point at it.

const KEEP_MS = 60 * 60_000

function composed() {
  const shout = new PluginDefinition({ name: 'shout', version: '1.0.0' })
  const shoutCode = new PluginImplementation({
    actions: {},
    on: (on) => {
      on.beforeIncomingMessage('text', ({ data }) => ({ data: { ...data, payload: { text: String((data.payload as { text: string }).text).toUpperCase() } } }))
    },
  })
  const watch = new PluginDefinition({ name: 'watch', version: '2.1.0' })
  const watchCode = new PluginImplementation({
    actions: {},
    on: (on) => {
      on.beforeIncomingMessage('*', () => undefined)
      on.message('*', ({ message }) => {
        if ((message.payload as { text: string }).text === 'EXPLODE') throw new Error('the watcher broke')
      })
    },
  })
  const definition = new BotDefinition({
    states: { visits: { type: 'conversation', schema: z.object({ count: z.number().int() }) } },
    events: { visited: { schema: z.object({ count: z.number().int() }) } },
    actions: {
      double: { input: { schema: z.object({ n: z.number() }) }, output: { schema: z.object({ n: z.number() }) } },
      fail: { input: { schema: z.object({}) }, output: { schema: z.object({}) } },
    },
  })
  definition.addPlugin({ definition: shout, implementation: shoutCode }, {})
  definition.addPlugin({ definition: watch, implementation: watchCode }, {})
  const implementation = new BotImplementation({
    actions: {
      double: async ({ input }) => ({ n: input.n * 2 }),
      fail: async () => {
        throw new Error('refused on purpose')
      },
    },
  })
  implementation.on.message('text', async ({ message, client, ctx, states, events, actions, logger }) => {
    const { state } = await states.visits.getOrSet({ id: ctx.conversationId, payload: { count: 0 } })
    const visits = await states.visits.get({ id: ctx.conversationId })
    await states.visits.set({ id: ctx.conversationId, payload: { count: visits.state.payload.count + 1 } })
    await events.visited.emit({ count: state.payload.count + 1 })
    const { n } = await actions.double({ n: 21 })
    logger.info('replying with', n)
    await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: `${message.payload.text} ${n}` } })
  })
  return { definition, implementation }
}

describe.each(testDrivers())('turn traces on $name', (driver) => {
  let database: TestDatabase
  let runtime: Runtime
  const clock = adjustableClock()
  const turns: TraceSummary[] = []

  beforeAll(async () => {
    database = await driver.open()
    runtime = await createRuntime({ ...composed(), database: database.db, clock, jobs: { mode: 'manual' }, traces: { keepMs: KEEP_MS } })
    await runtime.start()
    runtime.studio.onTurn((turn) => turns.push(turn))
  }, STARTUP_TIMEOUT)
  afterAll(async () => {
    await runtime?.stop()
    await database?.dispose()
  })

  async function send(text: string) {
    const client = runtime.client()
    const { user } = await client.getOrCreateUser({ id: `user-${text}` })
    const { conversation } = await client.getOrCreateConversation({ id: `conversation-${text}`, channel: 'webchat' })
    const { message } = await runtime.receiveMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text } })
    return { message, conversationId: conversation.id }
  }

  it('names the hook that changed the message, and how long each hook and handler took', async () => {
    const { message, conversationId } = await send('hello')
    const { messages } = await runtime.client().listMessages({ conversationId })
    expect(messages.filter((m) => m.direction === 'outgoing').map((m) => m.payload)).toEqual([{ text: 'HELLO 42' }])
    const [trace, ...others] = await runtime.studio.turns(conversationId, 10)
    expect(others).toEqual([])
    expect(trace).toMatchObject({ kind: 'message', conversationId, messageId: message.id, failed: false })
    const timed = trace!.steps.filter((step): step is Extract<TraceStep, { durationMs: number }> => 'durationMs' in step)
    expect(timed.map((step) => [step.kind, step.owner, step.name, step.result])).toEqual([
      ['hook', 'shout', 'text', 'changed'],
      ['hook', 'watch', '*', 'ok'],
      ['handler', 'watch', '*', 'ok'],
      ['handler', 'bot', 'text', 'ok'],
      ['action', 'bot', 'double', 'ok'],
    ])
    for (const step of timed) {
      expect(step.durationMs).toBeGreaterThanOrEqual(0)
      expect(step.startMs + step.durationMs).toBeLessThanOrEqual(trace!.durationMs)
    }
    // In the order they began: the action the bot's handler called comes after the handler's start.
    expect(trace!.steps.map((step) => step.startMs)).toEqual([...trace!.steps.map((step) => step.startMs)].sort((a, b) => a - b))
  })

  it('lists the states read and written, the events emitted and the messages sent, by id', async () => {
    const { conversationId } = await send('again')
    const [trace] = await runtime.studio.turns(conversationId, 10)
    const untimed = trace!.steps.filter((step) => !('durationMs' in step))
    const reply = (await runtime.client().listMessages({ conversationId })).messages.find((m) => m.direction === 'outgoing')!
    const [event] = (await runtime.client().listEvents({ conversationId })).events
    expect(untimed).toEqual([
      { kind: 'stateWrite', stateType: 'conversation', id: conversationId, name: 'visits', startMs: expect.any(Number) },
      { kind: 'stateRead', stateType: 'conversation', id: conversationId, name: 'visits', startMs: expect.any(Number) },
      { kind: 'stateWrite', stateType: 'conversation', id: conversationId, name: 'visits', startMs: expect.any(Number) },
      { kind: 'event', name: 'visited', eventId: event!.id, startMs: expect.any(Number) },
      { kind: 'message', messageId: reply.id, type: 'text', startMs: expect.any(Number) },
    ])
  })

  it('keeps the error and stack of a handler that threw, and marks the turn failed', async () => {
    const { conversationId } = await send('explode')
    const [trace] = await runtime.studio.turns(conversationId, 10)
    expect(trace!.failed).toBe(true)
    const broken = trace!.steps.find((step) => step.kind === 'handler' && step.result === 'error')
    expect(broken).toMatchObject({ owner: 'watch', name: '*', error: { message: 'the watcher broke', stack: expect.stringContaining('traces.test.ts') } })
    expect(await runtime.studio.turn(trace!.turnId)).toEqual(trace)
  })

  it('stores the trace of a turn that failed as a whole, though the turn stored nothing', async () => {
    await expect(runtime.callAction('fail', {})).rejects.toThrow('refused on purpose')
    const failed = turns.at(-1)!
    expect(failed).toMatchObject({ kind: 'action', failed: true })
    const stored = await runtime.studio.turn(failed.turnId)
    expect(stored?.steps).toEqual([expect.objectContaining({ kind: 'action', owner: 'bot', name: 'fail', result: 'error', error: expect.objectContaining({ message: 'refused on purpose' }) })])
  })

  it('tells listeners of each turn once stored, and links the turn’s log lines to it', async () => {
    const before = turns.length
    const { conversationId } = await send('logged')
    const told = turns.slice(before).find((turn) => turn.conversationId === conversationId)!
    expect(told).toMatchObject({ kind: 'message', failed: false })
    const logs = await runtime.studio.logs({ turnId: told.turnId })
    expect(logs.map((line) => [line.source, line.message])).toEqual([['bot', 'replying with 42']])
  })

  it('counts turns, failures and latency per minute', async () => {
    const buckets = await runtime.studio.metrics(5)
    expect(buckets).toHaveLength(5)
    const total = buckets.reduce((sum, bucket) => sum + bucket.turns, 0)
    expect(total).toBeGreaterThanOrEqual(5)
    expect(buckets.reduce((sum, bucket) => sum + bucket.failures, 0)).toBeGreaterThanOrEqual(2)
    const busy = buckets.find((bucket) => bucket.turns > 0)!
    expect(busy.p99Ms).toBeGreaterThanOrEqual(busy.p50Ms)
  })

  it('deletes traces once they are older than the time they are kept, through the job queue', async () => {
    const { conversationId } = await send('old')
    expect(await runtime.studio.turns(conversationId, 10)).toHaveLength(1)
    expect((await runtime.pendingJobs()).filter((job) => job.kind === 'traceExpiry')).toHaveLength(1)
    clock.advance(KEEP_MS + 60_000)
    await runtime.runJobs()
    expect(await runtime.studio.turns(conversationId, 10)).toEqual([])
    expect((await runtime.pendingJobs()).filter((job) => job.kind === 'traceExpiry')).toHaveLength(1)
  })
})

describe('turns without traces', () => {
  it('record nothing when traces are off', async () => {
    const runtime = await createRuntime({ ...composed(), jobs: { mode: 'manual' }, traces: { enabled: false } })
    await runtime.start()
    try {
      const client = runtime.client()
      const { user } = await client.getOrCreateUser({ id: 'u' })
      const { conversation } = await client.getOrCreateConversation({ id: 'c', channel: 'webchat' })
      await runtime.receiveMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text: 'hi' } })
      expect(await runtime.studio.turns(conversation.id, 10)).toEqual([])
    } finally {
      await runtime.stop()
    }
  })
})
