import { BotDefinition, BotImplementation, PluginDefinition, PluginImplementation, z } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { createRuntime } from '../src/index.js'
import { createTestBot } from '../src/testing/index.js'
import { sharedTestDatabase } from '../src/testing/shared-database.js'

const greeter = new PluginDefinition({
  name: 'greeter', version: '1.0.0',
  events: { greeted: { schema: z.object({}) } },
  actions: { greet: { input: { schema: z.object({}) }, output: { schema: z.object({ text: z.string() }) } } },
})
const greeterImplementation = new PluginImplementation({ definition: greeter, actions: { greet: () => ({ text: 'hello' }) } })

describe('loading a bot', () => {
  it('finds a plugin\'s implementation in the bot implementation\'s `plugins` when the package has none', async () => {
    const definition = new BotDefinition({})
    definition.addPlugin(greeter, { alias: 'hi' })
    const bot = await createTestBot({ definition, implementation: new BotImplementation({ actions: {}, plugins: { hi: greeterImplementation } }) })
    expect(await bot.callAction('hi:greet', {})).toEqual({ text: 'hello' })
    await bot.stop()
  })

  it('refuses an implementation made for another plugin', async () => {
    const other = new PluginDefinition({ name: 'other', version: '1.0.0', actions: greeter.actions })
    const definition = new BotDefinition({})
    definition.addPlugin({ definition: other, implementation: greeterImplementation }, {})
    await expect(createTestBot({ definition, implementation: new BotImplementation({ actions: {} }) })).rejects.toThrow(
      'plugin "other": the implementation given is for plugin "greeter"; pass the implementation that belongs to "other"',
    )
  })

  it('refuses a handler for an event nobody declares, at startup', async () => {
    const definition = new BotDefinition({})
    definition.addPlugin({ definition: greeter, implementation: greeterImplementation }, {})
    const implementation = new BotImplementation({ actions: {} })
    implementation.on.event('greeter:greetd', () => {})
    await expect(createTestBot({ definition, implementation })).rejects.toThrow(`on.event('greeter:greetd'): the bot has no event "greeter:greetd"; its events are "greeter:greeted"`)
  })

  it('hands the bot its configuration, checked against its schema', async () => {
    const definition = new BotDefinition({
      configuration: { schema: z.object({ greeting: z.string(), times: z.number().default(1) }) },
      actions: { hello: { input: { schema: z.object({}) }, output: { schema: z.object({ text: z.string() }) } } },
    })
    const implementation = new BotImplementation({ actions: { hello: ({ configuration }) => ({ text: `${configuration.greeting} x${configuration.times}` }) } })
    const bot = await createTestBot({ definition, implementation, configuration: { greeting: 'hey' } })
    expect(await bot.callAction('hello', {})).toEqual({ text: 'hey x1' })
    await bot.stop()
    await expect(createTestBot({ definition, implementation, configuration: { greeting: 3 } })).rejects.toThrow(
      "the bot's configuration.greeting: Expected string, received number",
    )
  })

  it('refuses something that is not a bot implementation', async () => {
    await expect(createTestBot({ definition: new BotDefinition({}), implementation: {} as BotImplementation })).rejects.toThrow(
      'the bot implementation is not a BotImplementation',
    )
  })

  it('runs jobs in the background once started, and stops cleanly', async () => {
    const definition = new BotDefinition({ events: { ping: { schema: z.object({}) } } })
    const implementation = new BotImplementation({ actions: {} })
    const heard = new Promise<string>((resolve) => implementation.on.event('ping', ({ event }) => resolve(event.type)))
    const runtime = await createRuntime({ definition, implementation, database: await sharedTestDatabase(), botId: 'background', jobs: { pollIntervalMs: 50 } })
    await runtime.start()
    await runtime.client().createEvent({ type: 'ping', payload: {} })
    expect(await heard).toBe('ping')
    await runtime.stop()
    await expect(runtime.callAction('x', {})).rejects.toMatchObject({ code: 'RUNTIME_STOPPED' })
  })
})
