import { Bot, BotDefinition, Plugin, PluginDefinition, z } from '@parley/sdk'
import type { ComposedBot } from '@parley/runtime'

// The bot measured: three plugins, each with a before-incoming hook that counts the user's messages in
// a state of its own (a read and a write each), and a bot handler that echoes the text back.

const PLUGINS = ['audit', 'metrics', 'profile'] as const

function counterPlugin(name: string) {
  const definition = new PluginDefinition({
    name,
    version: '1.0.0',
    states: { seen: { type: 'user', schema: z.object({ count: z.number().int() }) } },
  })
  const implementation = new Plugin({
    definition,
    actions: {},
    beforeMessageHandler: async ({ data, states }) => {
      const { state } = await states.seen.getOrSet({ id: data.userId, payload: { count: 0 } })
      await states.seen.set({ id: data.userId, payload: { count: state.payload.count + 1 } })
    },
  })
  return { definition, implementation }
}

export function benchBot(): ComposedBot {
  const definition = new BotDefinition({})
  const plugins = Object.fromEntries(PLUGINS.map((name) => [name, counterPlugin(name)]))
  for (const [alias, plugin] of Object.entries(plugins)) definition.addPlugin(plugin.definition, { alias })
  const implementation = new Bot({ actions: {}, plugins: Object.fromEntries(Object.entries(plugins).map(([alias, plugin]) => [alias, plugin.implementation])) })
  implementation.on.message('text', async ({ message, client }) => {
    await client.createMessage({ conversationId: message.conversationId, userId: message.userId, type: 'text', payload: { text: `echo: ${message.payload.text}` } })
  })
  return { definition, implementation }
}
