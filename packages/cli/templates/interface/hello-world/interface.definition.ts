import { InterfaceDefinition, z } from '@parley/sdk'

/**
 * A translation service. Each implementing integration maps `language` to its own schema of language
 * codes, so a plugin written against this interface accepts whatever the bot's integration offers.
 */
export default new InterfaceDefinition({
  name: '{{name}}',
  version: '0.1.0',
  entities: {
    language: { title: 'Language', schema: z.object({ code: z.string() }) },
  },
  actions: {
    translate: {
      title: 'Translate',
      input: { schema: ({ entities }) => z.object({ text: z.string(), to: entities.language }) },
      output: { schema: ({ entities }) => z.object({ text: z.string(), language: entities.language }) },
    },
  },
  events: {
    translated: { schema: z.object({ characters: z.number() }) },
  },
})
