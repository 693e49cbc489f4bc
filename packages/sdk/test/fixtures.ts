import { BotDefinition, IntegrationDefinition, InterfaceDefinition, PluginDefinition, z } from '../src/index.js'

/** A small LLM-like interface: one entity, one action that refers to it, one event. */
export const chatProps = {
  name: 'chat',
  version: '1.0.0',
  entities: { modelRef: { schema: z.object({ id: z.string() }) } },
  actions: {
    complete: {
      input: { schema: ({ entities }: { entities: { modelRef: z.ZodTypeAny } }) => z.object({ model: entities.modelRef, prompt: z.string() }) },
      output: { schema: z.object({ text: z.string() }) },
    },
  },
  events: { completed: { schema: ({ entities }: { entities: { modelRef: z.ZodTypeAny } }) => z.object({ model: entities.modelRef }) } },
} as const

export const chat = new InterfaceDefinition(chatProps)

export const search = new InterfaceDefinition({ name: 'search', version: '1.0.0' })

/** An integration that implements `chat` with a richer model reference. */
export function openChat() {
  return new IntegrationDefinition({
    name: 'open-chat',
    version: '1.0.0',
    configuration: { schema: z.object({ region: z.enum(['eu', 'us']).default('eu') }) },
    entities: { model: { schema: z.object({ id: z.string(), size: z.enum(['s', 'l']) }) } },
    channels: { dm: { messages: { text: { schema: z.object({ text: z.string() }) } } } },
    events: { quotaLow: { schema: z.object({ left: z.number() }) } },
    user: { tags: { handle: { title: 'Handle' } } },
  }).extend(chat, ({ entities }) => ({ entities: { modelRef: entities.model } }))
}

export function notes(overrides: { tableIndexes?: string[]; tagTitle?: string } = {}) {
  return new PluginDefinition({
    name: 'notes',
    version: '1.0.0',
    interfaces: { chat },
    configuration: { schema: z.object({ maxNotes: z.number().int().positive().default(10), owner: z.string().optional() }) },
    states: { draft: { type: 'conversation', schema: z.object({ text: z.string() }), expiry: 60_000 } },
    events: { noted: { schema: z.object({ id: z.number() }) } },
    actions: {
      summarize: {
        input: { schema: ({ entities }) => z.object({ text: z.string(), model: entities.chat.modelRef }) },
        output: { schema: z.object({ summary: z.string() }) },
      },
    },
    tables: { notes: { schema: z.object({ text: z.string(), author: z.string() }), indexes: overrides.tableIndexes ?? ['author'] } },
    workflows: { review: { input: { schema: z.object({ noteId: z.number() }) }, output: { schema: z.object({ ok: z.boolean() }) } } },
    user: { tags: { noteCount: { title: overrides.tagTitle ?? 'Note count' } } },
  })
}

/** A bot with `open-chat` as `chat` and `notes` as `notes`. */
export function botWithNotes() {
  return new BotDefinition({})
    .addIntegration(openChat(), { alias: 'chat', configuration: { region: 'us' } })
    .addPlugin(notes(), { alias: 'notes', dependencies: { chat: { integrationAlias: 'chat' } } })
}
