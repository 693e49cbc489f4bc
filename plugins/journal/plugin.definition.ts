import { PluginDefinition, z } from '@parley/sdk'

/** Keeps every message in the `journalEntries` table and emits `entryRecorded` for each. */
export default new PluginDefinition({
  name: 'journal',
  version: '0.1.0',
  title: 'Journal',
  description: 'Keeps every message a bot receives in a table, and announces each entry as an event.',
  configuration: {
    schema: z.object({
      /** Longer texts are cut to this many characters in the journal. */
      maxLength: z.number().int().positive().default(200),
    }),
  },
  tables: {
    journalEntries: {
      schema: z.object({ userId: z.string(), conversationId: z.string(), type: z.string(), text: z.string() }),
      indexes: ['userId', 'conversationId'],
    },
  },
  events: {
    entryRecorded: { schema: z.object({ entryId: z.number(), userId: z.string(), text: z.string() }) },
  },
  actions: {
    summary: {
      title: 'Journal summary',
      description: 'How many entries the journal holds, for one user or for everyone, and from how many users.',
      input: { schema: z.object({ userId: z.string().optional() }) },
      output: { schema: z.object({ entries: z.number(), users: z.number() }) },
    },
  },
})
