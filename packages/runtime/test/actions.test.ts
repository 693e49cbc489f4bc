import {
  BotDefinition, BotImplementation, IntegrationDefinition, IntegrationImplementation, InterfaceDefinition, PluginDefinition,
  PluginImplementation, z,
} from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { createTestBot } from '../src/testing/index.js'

const greeter = new InterfaceDefinition({
  name: 'greeter', version: '1.0.0',
  actions: { greet: { input: { schema: z.object({ name: z.string() }) }, output: { schema: z.object({ text: z.string() }) } } },
})

const polite = new IntegrationDefinition({ name: 'polite', version: '1.0.0', entities: {} }).extend(greeter, () => ({ entities: {} }))
const politeImplementation = new IntegrationImplementation({
  actions: { greet: ({ input, ctx }) => ({ text: `Dear ${input.name} (from ${ctx.alias}, user ${ctx.userId || 'none'})` }) },
  channels: {},
})

const analytics = new PluginDefinition({
  name: 'analytics', version: '1.0.0',
  interfaces: { hello: greeter },
  actions: {
    trackEvent: {
      input: { schema: z.object({ name: z.string(), count: z.number().default(1) }) },
      output: { schema: z.object({ recorded: z.boolean(), seenBy: z.string() }) },
    },
    welcome: { input: { schema: z.object({ name: z.string() }) }, output: { schema: z.object({ text: z.string() }) } },
    broken: { input: { schema: z.object({}) }, output: { schema: z.object({ ok: z.boolean() }) } },
  },
})

function analyticsImplementation(seen: string[]) {
  return new PluginImplementation({
    actions: {
      trackEvent: ({ input, ctx, type }) => {
        seen.push(`${type} ${JSON.stringify(input)} alias=${ctx.alias} user=${ctx.userId}`)
        return { recorded: true, seenBy: ctx.alias }
      },
      welcome: async ({ input, interfaces }) => interfaces.hello.greet({ name: input.name }),
      broken: () => ({ ok: 'nope' }),
    },
    on: (plugin) => {
      plugin.beforeIncomingCallAction('trackEvent', ({ data }) => void seen.push(`incoming hook sees ${data.type}`))
    },
  })
}

function composed(seen: string[]) {
  const definition = new BotDefinition({
    actions: { double: { input: { schema: z.object({ n: z.number() }) }, output: { schema: z.object({ n: z.number() }) } } },
  })
  definition.addIntegration({ definition: polite, implementation: politeImplementation }, { alias: 'words' })
  definition.addPlugin({ definition: analytics, implementation: analyticsImplementation(seen) }, { alias: 'stats', dependencies: { hello: { integrationAlias: 'words', integrationInterfaceAlias: 'greeter' } } })
  const implementation = new BotImplementation({ actions: { double: ({ input }) => ({ n: input.n * 2 }) } })
  implementation.on.message('text', async ({ client, ctx, message }) => {
    const tracked = await client.callAction({ type: 'stats:trackEvent', input: { name: message.payload.text } })
    const doubled = await client.callAction({ type: 'double', input: { n: 21 } })
    await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: `${tracked.seenBy} ${doubled.n}` } })
  })
  implementation.on.beforeOutgoingCallAction('stats:trackEvent', ({ data }) => ({ data: { ...data, input: { ...data.input, count: 7 } } }))
  implementation.on.afterOutgoingCallAction('double', ({ data }) => ({ data: { ...data, output: { n: data.output.n + 1 } } }))
  return { definition, implementation }
}

describe('actions', () => {
  it('route to the plugin by alias, inherit the caller\'s context, and pass through the hooks', async () => {
    const seen: string[] = []
    const bot = await createTestBot(composed(seen))
    const exchange = await bot.send('signup')
    expect(exchange.texts).toEqual(['stats 43'])
    expect(seen).toEqual(['incoming hook sees trackEvent', `trackEvent {"name":"signup","count":7} alias=stats user=${exchange.message.userId}`])
    await bot.stop()
  })

  it('route an interface action through the plugin\'s dependency to the integration', async () => {
    const bot = await createTestBot(composed([]))
    const user = await bot.user()
    expect(await bot.callAction('stats:welcome', { name: 'Ada' }, { userId: user.id })).toEqual({ text: `Dear Ada (from words, user ${user.id})` })
    expect(await bot.callAction('words:greet', { name: 'Bob' })).toEqual({ text: 'Dear Bob (from words, user none)' })
    await bot.stop()
  })

  it('check the input before anything runs and the output after, naming the field', async () => {
    const seen: string[] = []
    const bot = await createTestBot(composed(seen))
    await expect(bot.callAction('stats:trackEvent', { name: 5 })).rejects.toThrow('action "stats:trackEvent" input.name: Expected string, received number')
    expect(seen).toEqual([])
    await expect(bot.callAction('stats:broken', {})).rejects.toThrow('action "stats:broken" output.ok: Expected boolean, received string')
    await expect(bot.callAction('stats:nothing', {})).rejects.toThrow('the bot has no action "stats:nothing"')
    await bot.stop()
  })

  it('apply schema defaults to the input the handler gets', async () => {
    const seen: string[] = []
    const bot = await createTestBot(composed(seen))
    await bot.callAction('stats:trackEvent', { name: 'x' })
    expect(seen.at(-1)).toMatch(/^trackEvent \{"name":"x","count":1\}/)
    await bot.stop()
  })

  it('fail at startup when a declared action has no handler', async () => {
    const definition = new BotDefinition({})
    definition.addIntegration(polite, { alias: 'words' })
    definition.addPlugin({ definition: analytics, implementation: new PluginImplementation({ actions: { trackEvent: () => ({}) } }) }, { alias: 'stats', dependencies: { hello: { integrationAlias: 'words', integrationInterfaceAlias: 'greeter' } } })
    await expect(createTestBot({ definition, implementation: new BotImplementation({ actions: {} }) })).rejects.toThrow(
      'plugin "analytics" (alias "stats") does not implement actions "welcome", "broken"; add them under `actions` in its implementation',
    )
  })

  it('stop an action that calls itself without end, spelling out the loop', async () => {
    const definition = new BotDefinition({ actions: { again: { input: { schema: z.object({}) }, output: { schema: z.object({}) } } } })
    const implementation = new BotImplementation({ actions: { again: ({ actions }) => actions.again({}) } })
    const bot = await createTestBot({ definition, implementation })
    await expect(bot.callAction('again', {})).rejects.toThrow('actions called each other 32 deep (again → again → again → again …)')
    await bot.stop()
  })

  it('say which integration needs an implementation', async () => {
    const definition = new BotDefinition({})
    definition.addIntegration(polite, { alias: 'words' })
    const bot = await createTestBot({ definition, implementation: new BotImplementation({ actions: {} }) })
    await expect(bot.callAction('words:greet', { name: 'x' })).rejects.toThrow('integration "polite" (alias "words") cannot run action "words:greet": give it an implementation')
    await bot.stop()
  })
})
