import { IntegrationDefinition, z } from '@parley/sdk'

/** A connection to an echo service: one action, and one channel whose messages it acknowledges. */
export default new IntegrationDefinition({
  name: '{{name}}',
  version: '0.1.0',
  configuration: {
    schema: z.object({ prefix: z.string().default('echo') }),
  },
  secrets: {
    API_TOKEN: { description: 'Token for the echo service', optional: true },
  },
  actions: {
    echo: {
      title: 'Echo',
      input: { schema: z.object({ text: z.string() }) },
      output: { schema: z.object({ text: z.string() }) },
    },
  },
  events: {
    echoed: { schema: z.object({ text: z.string() }) },
  },
  channels: {
    chat: {
      messages: {
        text: { schema: z.object({ text: z.string() }) },
      },
    },
  },
})
