import { Bot, BotDefinition, Plugin, PluginDefinition, z } from '@parley/sdk'
import type { ComposedBot } from '@parley/runtime'

// The scenario measured: three plugins, each with a before and an after hook on incoming messages (the
// before hook tags the message), and a bot handler that reads a conversation's counter, writes it back one
// more and sends one reply. The same logic runs in plain JavaScript with its state in a Map, as the floor.

export const PLUGINS = ['audit', 'metrics', 'profile'] as const
export const CONVERSATIONS = 256

function hookPlugin(name: string) {
  const definition = new PluginDefinition({ name, version: '1.0.0' })
  const implementation = new Plugin({
    definition,
    actions: {},
    on: (plugin) => {
      plugin.beforeIncomingMessage('*', ({ data }) => {
        data.tags[name] = 'seen'
      })
      plugin.afterIncomingMessage('*', () => undefined)
    },
  })
  return { definition, implementation }
}

export function benchBot(): ComposedBot {
  const definition = new BotDefinition({ states: { counter: { type: 'conversation', schema: z.object({ n: z.number().int() }) } } })
  const plugins = Object.fromEntries(PLUGINS.map((name) => [name, hookPlugin(name)]))
  for (const [alias, plugin] of Object.entries(plugins)) definition.addPlugin(plugin.definition, { alias })
  const implementation = new Bot({ actions: {}, plugins: Object.fromEntries(Object.entries(plugins).map(([alias, plugin]) => [alias, plugin.implementation])) })
  implementation.on.message('text', async ({ message, states, client, ctx }) => {
    const { state } = await states.counter.getOrSet({ id: ctx.conversationId, payload: { n: 0 } })
    await states.counter.set({ id: ctx.conversationId, payload: { n: state.payload.n + 1 } })
    await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: `#${state.payload.n + 1}: ${message.payload.text}` } })
  })
  return { definition, implementation }
}

interface FloorMessage {
  readonly conversationId: string
  readonly text: string
  readonly tags: Record<string, string>
}

/** The same hooks and handler as plain async functions over a Map: what the logic costs with no runtime. */
export function bareFloor() {
  const counters = new Map<string, number>()
  const replies: string[] = []
  const hooks = PLUGINS.map((name) => ({
    before: async (message: FloorMessage) => {
      message.tags[name] = 'seen'
    },
    after: async (_message: FloorMessage) => undefined,
  }))
  const handler = async (message: FloorMessage) => {
    const n = (counters.get(message.conversationId) ?? 0) + 1
    counters.set(message.conversationId, n)
    replies.push(`#${n}: ${message.text}`)
    if (replies.length > 10_000) replies.length = 0
  }
  return async (conversationId: string, text: string) => {
    const message: FloorMessage = { conversationId, text, tags: {} }
    for (const hook of hooks) await hook.before(message)
    await handler(message)
    for (const hook of hooks) await hook.after(message)
  }
}
