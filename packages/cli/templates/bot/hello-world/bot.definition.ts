import { BotDefinition, z } from '@parley/sdk'

const bot = new BotDefinition({
  configuration: {
    schema: z.object({ greeting: z.string().default('Hello') }),
  },
  states: {
    visits: { type: 'user', schema: z.object({ count: z.number() }) },
  },
  actions: {
    greet: {
      title: 'Greet',
      description: 'Greets someone by name',
      input: { schema: z.object({ name: z.string() }) },
      output: { schema: z.object({ text: z.string() }) },
    },
  },
})

export default bot
