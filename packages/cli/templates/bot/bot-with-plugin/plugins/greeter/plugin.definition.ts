import { PluginDefinition, z } from '@parley/sdk'

/** A plugin the bot adds under the alias `greeter`: its action becomes `greeter:greet` in the bot. */
export default new PluginDefinition({
  name: 'greeter',
  version: '0.1.0',
  configuration: {
    schema: z.object({ greeting: z.string().default('Hello') }),
  },
  actions: {
    greet: {
      title: 'Greet',
      input: { schema: z.object({ name: z.string() }) },
      output: { schema: z.object({ text: z.string() }) },
    },
  },
})
