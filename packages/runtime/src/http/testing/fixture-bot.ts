import { Bot, BotDefinition, Plugin, PluginDefinition, z } from '@parley/sdk'
import type { ComposedBot } from '../../index.js'

// A bot with one of everything the API reaches, for the HTTP layer's tests: it echoes text, answers
// "menu" with a choice, and has a state, an event, an action, a table and a workflow, and a plugin
// whose names reach the API prefixed (`counter:seen`, `counter:bump`).

const counter = new PluginDefinition({
  name: 'counter',
  version: '1.0.0',
  states: { seen: { type: 'bot', schema: z.object({ count: z.number().int() }) } },
  actions: { bump: { input: { schema: z.object({ by: z.number().int() }) }, output: { schema: z.object({ count: z.number().int() }) } } },
})

const counterImplementation = new Plugin({
  actions: {
    bump: async ({ input, states, ctx }) => {
      const { state } = await states.seen.getOrSet({ id: ctx.botId, payload: { count: 0 } })
      const count = state.payload.count + input.by
      await states.seen.set({ id: ctx.botId, payload: { count } })
      return { count }
    },
  },
})

export function fixtureBot(): ComposedBot {
  const definition = new BotDefinition({
    user: { tags: { plan: {} } },
    conversation: { tags: { topic: {} } },
    states: { profile: { type: 'user', schema: z.object({ name: z.string(), visits: z.number().int() }) } },
    events: { pinged: { schema: z.object({ note: z.string() }) } },
    actions: {
      add: { input: { schema: z.object({ a: z.number(), b: z.number() }) }, output: { schema: z.object({ sum: z.number() }) } },
    },
    tables: { notes: { schema: z.object({ title: z.string(), score: z.number(), topic: z.string() }), indexes: ['topic'] } },
    workflows: { onboarding: { input: { schema: z.object({ step: z.string() }) }, output: { schema: z.object({ done: z.boolean() }) } } },
  })
  definition.addPlugin(counter, { alias: 'counter' })
  const implementation = new Bot({ actions: { add: async ({ input }) => ({ sum: input.a + input.b }) }, plugins: { counter: counterImplementation } })
  implementation.on.message('text', async ({ message, client }) => {
    const { conversationId, userId } = message
    const reply = message.payload.text === 'menu'
      ? { type: 'choice', payload: { text: 'Pick one', options: [{ label: 'Tea', value: 'tea' }, { label: 'Coffee', value: 'coffee' }] } }
      : { type: 'text', payload: { text: `echo: ${message.payload.text}` } }
    await client.createMessage({ conversationId, userId, ...reply })
  })
  return { definition, implementation }
}
