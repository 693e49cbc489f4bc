import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BotDefinition, BotImplementation, PluginDefinition, PluginImplementation, z } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { createTestBot } from '../src/testing/index.js'

const orders = new PluginDefinition({
  name: 'orders', version: '1.0.0',
  events: { placed: { schema: z.object({ orderId: z.string() }) }, shipped: { schema: z.object({ orderId: z.string() }) } },
  actions: { place: { input: { schema: z.object({ orderId: z.string() }) }, output: { schema: z.object({}) } } },
})

function ordersPlugin(trace: string[]) {
  return new PluginImplementation({
    actions: {
      place: async ({ input, events }) => {
        await events.placed.emit({ orderId: input.orderId })
        return {}
      },
    },
    on: (plugin) => {
      plugin.event('placed', ({ event }) => void trace.push(`plugin placed as ${event.type}`))
      plugin.event('shipped', ({ event }) => void trace.push(`plugin shipped as ${event.type}`))
      plugin.event('*', ({ event }) => void trace.push(`plugin * ${event.type}`))
      plugin.beforeIncomingEvent('*', ({ data }) => void trace.push(`plugin before ${data.type}`))
    },
  })
}

function bot(trace: string[]) {
  const definition = new BotDefinition({ events: { placed: { schema: z.object({ orderId: z.string() }) } } })
  definition.addPlugin({ definition: orders, implementation: ordersPlugin(trace) }, {})
  const implementation = new BotImplementation({ actions: {} })
  implementation.on.event('orders:placed', ({ event }) => void trace.push(`bot orders:placed as ${event.type}`))
  implementation.on.event('placed', ({ event, ctx }) => void trace.push(`bot own placed user=${ctx.userId || 'none'}`))
  implementation.on.afterIncomingEvent('*', ({ data }) => void trace.push(`bot after ${data.type}`))
  return { definition, implementation }
}

describe('events', () => {
  it('reach plugins then the bot, a plugin seeing its own event after its package name, and are stored as processed', async () => {
    const trace: string[] = []
    const test = await createTestBot(bot(trace))
    await test.callAction('orders:place', { orderId: 'o1' })
    expect(trace).toEqual([
      'plugin before orders:placed', 'plugin placed as orders:placed', 'plugin * orders:placed', 'bot orders:placed as orders:placed', 'bot after orders:placed',
    ])
    const [event] = await test.events('orders:placed')
    expect(event).toMatchObject({ type: 'orders:placed', payload: { orderId: 'o1' } })
    await test.stop()
  })

  it('keep a plugin\'s handler for `placed` from firing on the bot\'s own `placed`', async () => {
    const trace: string[] = []
    const test = await createTestBot(bot(trace))
    const user = await test.user()
    await test.emit('placed', { orderId: 'o2' }, { userId: user.id })
    expect(trace).toEqual(['plugin before placed', 'plugin * placed', `bot own placed user=${user.id}`, 'bot after placed'])
    await test.stop()
  })

  it('are checked against their schema when emitted, naming the field', async () => {
    const test = await createTestBot(bot([]))
    await expect(test.emit('orders:placed', { orderId: 1 })).rejects.toThrow('event "orders:placed" payload.orderId: Expected string, received number')
    await expect(test.emit('nope', {})).rejects.toThrow('the bot has no event "nope"')
    await test.stop()
  })

  it('wait until their schedule, then are delivered', async () => {
    const trace: string[] = []
    const test = await createTestBot(bot(trace))
    await test.client.createEvent({ type: 'orders:shipped', payload: { orderId: 'o3' }, schedule: { delayMs: 60_000 } })
    await test.settle()
    expect(trace).toEqual([])
    await test.advance('30s')
    expect(trace).toEqual([])
    await test.advance('30s')
    expect(trace).toContain('plugin shipped as orders:shipped')
    await test.stop()
  })

  it('stay scheduled across a restart of the runtime on the same database', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-events-'))
    try {
      const trace: string[] = []
      const first = await createTestBot({ ...bot(trace), dataDir, botId: 'restarting' })
      await first.client.createEvent({ type: 'orders:shipped', payload: { orderId: 'o4' }, schedule: { delayMs: 3_600_000 } })
      await first.stop()
      const second = await createTestBot({ ...bot(trace), dataDir, botId: 'restarting' })
      await second.settle()
      expect(trace).toEqual([])
      await second.advance('1h')
      expect(trace).toContain('plugin shipped as orders:shipped')
      await second.stop()
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })

  it('record a failing handler on the event, and still run the others', async () => {
    const trace: string[] = []
    const composed = bot(trace)
    composed.implementation.on.event('placed', () => {
      throw new Error('boom')
    })
    const test = await createTestBot(composed)
    const event = await test.emit('placed', { orderId: 'o5' })
    expect(trace).toContain('bot after placed')
    const [stored] = await test.runtime.database.query<{ status: string; error: string }>('SELECT status, error FROM parley_events WHERE id = $1', [event.id]).then((r) => r.rows)
    expect(stored).toEqual({ status: 'failed', error: `on.event('placed') of the bot: boom` })
    expect(await test.failures()).toEqual([expect.objectContaining({ handler: `on.event('placed')`, owner: 'the bot', error: expect.objectContaining({ message: 'boom' }) })])
    await test.stop()
  })
})

describe('events a plugin reads', () => {
  it('are its own and its dependencies\', never another plugin\'s', async () => {
    const secret = new PluginDefinition({ name: 'secret', version: '1.0.0', events: { leaked: { schema: z.object({ token: z.string() }) } } })
    const definition = new BotDefinition({})
    definition.addPlugin({ definition: orders, implementation: ordersPlugin([]) }, {})
    definition.addPlugin({ definition: secret, implementation: new PluginImplementation({ actions: {} }) }, {})
    const testBot = await createTestBot({ definition, implementation: new BotImplementation({ actions: {} }) })
    const leaked = await testBot.runtime.client({ alias: 'secret' }).createEvent({ type: 'leaked', payload: { token: 'hunter2' } })
    await testBot.callAction('orders:place', { orderId: 'o1' })
    const asOrders = testBot.runtime.client({ alias: 'orders' })
    expect((await asOrders.listEvents({})).events.map((event) => event.type)).toEqual(['orders:placed'])
    await expect(asOrders.getEvent({ id: leaked.event.id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(asOrders.listEvents({ type: 'secret:leaked' })).rejects.toMatchObject({ code: 'OUT_OF_SCOPE' })
    expect((await testBot.client.listEvents({})).events.map((event) => event.type)).toEqual(['secret:leaked', 'orders:placed'])
    await testBot.stop()
  })
})
