import { InterfaceDefinition, z } from '@parley/sdk'

const message = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string(),
})

const usage = z.object({ inputTokens: z.number().int().nonnegative(), outputTokens: z.number().int().nonnegative() })

const modelInfo = z.object({
  name: z.string(),
  description: z.string().optional(),
  maxInputTokens: z.number().int().positive().optional(),
  maxOutputTokens: z.number().int().positive().optional(),
})

/**
 * A large language model. Each integration maps `modelRef` to its own model identifier schema, so a
 * plugin written against this interface accepts whichever models the bot's LLM integration offers.
 *
 * @example
 * await client.callAction({ type: 'llm:generateContent', input: { model, messages: [{ role: 'user', content: 'Hi' }] } })
 */
export const llm = new InterfaceDefinition({
  name: 'llm',
  version: '1.0.0',
  title: 'Large language model',
  entities: {
    modelRef: { title: 'Model reference', schema: z.object({ id: z.string() }) },
  },
  actions: {
    generateContent: {
      title: 'Generate content',
      input: {
        schema: ({ entities }) =>
          z.object({
            model: entities.modelRef.optional(),
            systemPrompt: z.string().optional(),
            messages: z.array(message).min(1),
            temperature: z.number().min(0).max(2).optional(),
            maxTokens: z.number().int().positive().optional(),
          }),
      },
      output: {
        schema: ({ entities }) =>
          z.object({
            model: entities.modelRef,
            content: z.string(),
            stopReason: z.enum(['stop', 'max_tokens', 'other']),
            usage,
          }),
      },
    },
    listLanguageModels: {
      title: 'List language models',
      input: { schema: z.object({}) },
      output: { schema: ({ entities }) => z.object({ models: z.array(z.object({ ref: entities.modelRef, info: modelInfo })) }) },
    },
  },
})

export default llm
