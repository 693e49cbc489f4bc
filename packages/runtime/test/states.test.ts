import { BotDefinition, BotImplementation, PluginDefinition, PluginImplementation, z } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { createTestBot } from '../src/testing/index.js'

const analytics = new PluginDefinition({
  name: 'analytics', version: '1.0.0',
  states: {
    userMetrics: { type: 'user', schema: z.object({ messageCount: z.number(), note: z.string().optional() }) },
    session: { type: 'conversation', schema: z.object({ step: z.number() }), expiry: 60_000 },
  },
  actions: {
    bump: { input: { schema: z.object({}) }, output: { schema: z.object({ count: z.number() }) } },
    peek: { input: { schema: z.object({ name: z.string() }) }, output: { schema: z.object({}) } },
  },
})
const crm = new PluginDefinition({ name: 'crm', version: '1.0.0', states: { notes: { type: 'bot', schema: z.object({ text: z.string() }) } } })

function composed(trace: string[] = []) {
  const plugin = new PluginImplementation({
    actions: {
      // Both spellings of the plugin's own state reach the same record: `analytics:` is its package name.
      bump: async ({ client, states, ctx }) => {
        const { state } = await client.getOrSetState({ type: 'user', id: ctx.userId, name: 'analytics:userMetrics', payload: { messageCount: 0 } })
        const { state: next } = await states.userMetrics.set({ id: ctx.userId, payload: { messageCount: state.payload.messageCount + 1 } })
        return { count: next.payload.messageCount }
      },
      peek: async ({ client, input }) => (await client.getState({ type: 'bot', id: 'b', name: input.name })).state.payload,
    },
    on: (on) => {
      on.stateExpired('session', ({ state }) => void trace.push(`plugin expired ${state.name} ${JSON.stringify(state.payload)}`))
      on.stateExpired('*', ({ state }) => void trace.push(`plugin * ${state.name}`))
    },
  })
  const definition = new BotDefinition({ states: { flag: { type: 'bot', schema: z.object({ on: z.boolean() }), expiry: 1000 } } })
  definition.addPlugin({ definition: analytics, implementation: plugin }, { alias: 'stats' })
  definition.addPlugin(crm, {})
  const implementation = new BotImplementation({ actions: {} })
  implementation.on.stateExpired('*', ({ state, ctx }) => void trace.push(`bot expired ${state.name} conversation=${ctx.conversationId ? 'yes' : 'no'}`))
  return { definition, implementation }
}

describe('states', () => {
  it('are read and written by a plugin in its own names, stored under its alias', async () => {
    const bot = await createTestBot(composed())
    const user = await bot.user()
    expect(await bot.callAction('stats:bump', {}, { userId: user.id })).toEqual({ count: 1 })
    expect(await bot.callAction('stats:bump', {}, { userId: user.id })).toEqual({ count: 2 })
    expect(await bot.getState('user', user.id, 'stats:userMetrics')).toEqual({ messageCount: 2 })
    await bot.stop()
  })

  it('support get, set, getOrSet, patch and delete, checking payloads against the schema', async () => {
    const bot = await createTestBot(composed())
    const client = bot.client
    const key = { type: 'user' as const, id: (await bot.user()).id, name: 'stats:userMetrics' }
    await expect(client.getState(key)).rejects.toThrow(`state "stats:userMetrics" of user "${key.id}" is not set; set it first, or use getOrSetState`)
    expect((await client.getOrSetState({ ...key, payload: { messageCount: 5 } })).state.payload).toEqual({ messageCount: 5 })
    expect((await client.getOrSetState({ ...key, payload: { messageCount: 9 } })).state.payload).toEqual({ messageCount: 5 })
    expect((await client.patchState({ ...key, payload: { note: 'vip' } })).state.payload).toEqual({ messageCount: 5, note: 'vip' })
    await expect(client.setState({ ...key, payload: { messageCount: 'many' } })).rejects.toThrow('state "stats:userMetrics" payload.messageCount: Expected number, received string')
    await expect(client.patchState({ ...key, payload: { note: 3 } })).rejects.toThrow('state "stats:userMetrics" payload.note: Expected string, received number')
    await expect(client.getState({ ...key, type: 'bot' })).rejects.toThrow(`state "stats:userMetrics" belongs to a user, not a bot; call it with type: 'user'`)
    await client.deleteState(key)
    expect(await bot.getState('user', key.id, 'stats:userMetrics')).toBeUndefined()
    await bot.stop()
  })

  it('refuse a plugin another plugin\'s state, naming both', async () => {
    const bot = await createTestBot(composed())
    await expect(bot.callAction('stats:peek', { name: 'crm:notes' })).rejects.toThrow(
      'plugin "analytics" (alias "stats") cannot use state "crm:notes" of plugin "crm"; a plugin reaches only its own states ("userMetrics", "session")',
    )
    await bot.stop()
  })

  it('refuse a payload over the size limit, keeping the previous value', async () => {
    const bot = await createTestBot({ ...composed(), stateSizeLimit: 1024 })
    const key = { type: 'user' as const, id: (await bot.user()).id, name: 'stats:userMetrics' }
    await bot.client.setState({ ...key, payload: { messageCount: 1 } })
    await expect(bot.client.setState({ ...key, payload: { messageCount: 2, note: 'x'.repeat(2000) } })).rejects.toMatchObject({
      code: 'STATE_TOO_LARGE', message: expect.stringContaining('over the limit of 1.0 KiB'),
    })
    expect(await bot.getState('user', key.id, 'stats:userMetrics')).toEqual({ messageCount: 1 })
    await bot.stop()
  })

  it('allow 128 KiB by default', async () => {
    const bot = await createTestBot(composed())
    const key = { type: 'user' as const, id: (await bot.user()).id, name: 'stats:userMetrics' }
    await bot.client.setState({ ...key, payload: { messageCount: 1, note: 'x'.repeat(120 * 1024) } })
    await expect(bot.client.setState({ ...key, payload: { messageCount: 1, note: 'x'.repeat(130 * 1024) } })).rejects.toThrow(/over the limit of 128.0 KiB/)
    await bot.stop()
  })

  it('expire after their expiry without a write: stateExpired handlers of the owner and the bot run', async () => {
    const trace: string[] = []
    const bot = await createTestBot(composed(trace))
    const conversation = await bot.conversation()
    await bot.client.setState({ type: 'conversation', id: conversation.id, name: 'stats:session', payload: { step: 3 } })
    await bot.client.setState({ type: 'bot', id: 'b', name: 'flag', payload: { on: true } })
    await bot.advance('2s')
    expect(trace).toEqual(['bot expired flag conversation=no'])
    await bot.advance('30s')
    await bot.client.patchState({ type: 'conversation', id: conversation.id, name: 'stats:session', payload: { step: 4 } })
    await bot.advance('40s')
    expect(trace).toHaveLength(1)
    await bot.advance('30s')
    expect(trace).toEqual(['bot expired flag conversation=no', 'plugin expired session {"step":4}', 'plugin * session', 'bot expired stats:session conversation=yes'])
    expect(await bot.getState('conversation', conversation.id, 'stats:session')).toBeUndefined()
    await bot.stop()
  })
})
