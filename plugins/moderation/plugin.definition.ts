import { PluginDefinition, z } from '@parley/sdk'

/** Hooks only: screens incoming text, tags what it let through, and signs outgoing text. */
export default new PluginDefinition({
  name: 'moderation',
  version: '0.1.0',
  title: 'Moderation',
  description: "Holds back messages with blocked words before the bot sees them, counts strikes, and signs the bot's replies.",
  configuration: {
    schema: z.object({
      /** Words (any case) that keep a message from the bot's handlers. */
      blockedWords: z.array(z.string().min(1)).default([]),
      /** What the user is told when a message is held back. */
      warning: z.string().default("Let's keep it friendly: that message was held back."),
      /** Added on a new line to every text the bot sends, when set. */
      signature: z.string().optional(),
    }),
  },
  states: {
    strikes: { type: 'user', schema: z.object({ count: z.number().int().nonnegative(), lastWord: z.string() }) },
  },
  message: {
    tags: {
      moderation: { title: 'Moderation verdict', description: '`clean` or `blocked`' },
    },
  },
  actions: {
    strikes: {
      title: 'Strikes',
      description: 'How many messages of a user were held back.',
      input: { schema: z.object({ userId: z.string() }) },
      output: { schema: z.object({ count: z.number() }) },
    },
  },
})
