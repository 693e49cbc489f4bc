import { Bot, BotDefinition, IntegrationDefinition, IntegrationImplementation, ParleyError, Plugin, PluginDefinition, z, type WebhookRequest } from '@parley/sdk'
import type { ComposedBot } from '../../index.js'

// A bot with one of everything the API reaches, for the HTTP layer's tests: it echoes text, answers
// "menu" with a choice, and has a state, an event, an action, a table and a workflow, a plugin whose
// names reach the API prefixed (`counter:seen`, `counter:bump`), and an integration with a webhook
// (`relay`).

const counter = new PluginDefinition({
  name: 'counter',
  version: '1.0.0',
  states: { seen: { type: 'bot', schema: z.object({ count: z.number().int() }) } },
  actions: { bump: { input: { schema: z.object({ by: z.number().int() }) }, output: { schema: z.object({ count: z.number().int() }) } } },
})

const counterImplementation = new Plugin({
  pages: [{ path: '/stats/', title: 'Counter stats', icon: 'chart-bar', group: 'Counters', html: '<!doctype html><title>Counter stats</title><h1>Counted</h1>' }],
  actions: {
    bump: async ({ input, states, ctx }) => {
      const { state } = await states.seen.getOrSet({ id: ctx.botId, payload: { count: 0 } })
      const count = state.payload.count + input.by
      await states.seen.set({ id: ctx.botId, payload: { count } })
      return { count }
    },
  },
})

/** The path on which the relay's webhook handler fails, as a broken integration would. */
export const FAILING_WEBHOOK_PATH = '/fail-on-purpose'

const relay = new IntegrationDefinition({
  name: 'relay', version: '1.0.0',
  channels: { line: { messages: { text: { schema: z.object({ text: z.string() }) } } } },
})

/**
 * The relay's webhook: `/message` turns `{ from, text }` into a user's message on its channel (400 for a
 * body it cannot read, as a careful integration answers), `/fail-on-purpose` throws, and anything else is
 * echoed back as the handler saw it.
 */
const relayImplementation = new IntegrationImplementation({
  actions: {},
  channels: { line: { messages: { text: async () => {} } } },
  handler: async ({ req, client }) => {
    if (req.path === FAILING_WEBHOOK_PATH) throw new Error('the relay failed on purpose')
    if (req.path !== '/message') return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(echo(req)) }
    try {
      const { from, text } = JSON.parse(req.body) as { from: string; text: string }
      const { user } = await client.getOrCreateUser({ id: from })
      const { conversation } = await client.getOrCreateConversation({ id: `line-${from}`, channel: 'line' })
      const { message } = await client.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text } })
      return { status: 202, body: message.id }
    } catch (error) {
      return { status: 400, body: error instanceof ParleyError ? error.code : 'the body is not { "from": string, "text": string }' }
    }
  },
})

function echo(req: WebhookRequest) {
  return { method: req.method, path: req.path, query: { ...req.query }, signature: req.headers['x-signature'] ?? null, body: req.body, prototypeOfHeaders: Object.getPrototypeOf(req.headers) }
}

export function fixtureBot(): ComposedBot {
  const definition = new BotDefinition({
    user: { tags: { plan: {} } },
    conversation: { tags: { topic: {} } },
    states: {
      profile: { type: 'user', schema: z.object({ name: z.string(), visits: z.number().int() }) },
      // Any data at all: what a caller sends is stored as it came.
      notebook: { type: 'bot', schema: z.object({ data: z.unknown() }) },
    },
    events: { pinged: { schema: z.object({ note: z.string() }) } },
    actions: {
      add: { input: { schema: z.object({ a: z.number(), b: z.number() }) }, output: { schema: z.object({ sum: z.number() }) } },
    },
    tables: { notes: { schema: z.object({ title: z.string(), score: z.number(), topic: z.string() }), indexes: ['topic'] } },
    workflows: { onboarding: { input: { schema: z.object({ step: z.string() }) }, output: { schema: z.object({ done: z.boolean() }) } } },
  })
  definition.addPlugin(counter, { alias: 'counter' })
  definition.addIntegration({ definition: relay, implementation: relayImplementation }, { alias: 'relay' })
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
