import { PluginDefinition, z } from '@parley/sdk'

/** Counts the messages of each conversation, and emits an event every `milestone` messages. */
export default new PluginDefinition({
  name: '{{name}}',
  version: '0.1.0',
  configuration: {
    schema: z.object({
      enabled: z.boolean().default(true),
      milestone: z.number().int().positive().default(10),
    }),
  },
  states: {
    counter: { type: 'conversation', schema: z.object({ messages: z.number() }) },
  },
  events: {
    milestoneReached: { schema: z.object({ conversationId: z.string(), messages: z.number() }) },
  },
  actions: {
    countMessages: {
      title: 'Count messages',
      input: { schema: z.object({ conversationId: z.string() }) },
      output: { schema: z.object({ messages: z.number() }) },
    },
  },
})
