import { z } from '@parley/sdk'
import { MODEL_TAGS } from '../configuration.js'

// The `llm` interface as Botpress defines it, field for field, plus Parley's `content` convenience on the
// output. This integration declares these schemas itself so that it keeps this shape whichever version of
// `@parley/interfaces/llm` it is built with; once that interface has the same shape, these can go and the
// definition can take the interface's (see `integration.definition.ts`).

export const modelRef = z.object({ id: z.string().min(1).max(200) })

const toolCall = z.object({
  id: z.string().max(200),
  type: z.literal('function'),
  function: z.object({
    name: z.string().max(200),
    /** `null` when the model wrote arguments that are not a JSON object. */
    arguments: z.record(z.unknown()).nullable(),
  }),
})

const contentPart = z.object({
  type: z.enum(['text', 'image']),
  mimeType: z.string().max(200).optional(),
  /** Required when `type` is `text`. */
  text: z.string().optional(),
  /** Required when `type` is `image`: an http(s) or `data:` URL. */
  url: z.string().optional(),
})

const messageFields = {
  /** `text` (the default), `multipart` (content is a list of parts), `tool_calls` (an assistant calling tools), `tool_result`. */
  type: z.enum(['text', 'tool_calls', 'tool_result', 'multipart']).default('text'),
  /** Required when `type` is `tool_calls`. */
  toolCalls: z.array(toolCall).max(128).optional(),
  /** Required when `type` is `tool_result`: the `id` of the tool call this answers. */
  toolResultCallId: z.string().max(200).optional(),
  /** Text; a list of parts when `type` is `multipart`; a tool's result (text or JSON) when `type` is `tool_result`. */
  content: z.union([z.string(), z.array(contentPart).max(100)]).nullable().optional(),
}

export const message = z.object({ role: z.enum(['user', 'assistant']), ...messageFields })

const tool = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1 to 64 letters, digits, _ and -'),
    description: z.string().max(10_000).optional(),
    /** The JSON schema of the arguments. */
    argumentsSchema: z.record(z.unknown()).optional(),
    /** The earlier name of `argumentsSchema`, still read. */
    inputSchema: z.record(z.unknown()).optional(),
  }),
})

const toolChoice = z.object({
  type: z.enum(['auto', 'specific', 'any', 'none', '']).optional(),
  /** Required when `type` is `specific`. */
  functionName: z.string().max(64).optional(),
})

export const generateContentInput = z.object({
  /** The configured `defaultModel` when absent. */
  model: modelRef.optional(),
  systemPrompt: z.string().optional(),
  messages: z.array(message).min(1).max(10_000),
  /** `json_object`: the model answers with a JSON object (say so in the prompt too). */
  responseFormat: z.enum(['text', 'json_object']).optional(),
  maxTokens: z.number().int().positive().max(10_000_000).optional(),
  /** The server's own default when absent. */
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().min(0).max(1).optional(),
  stopSequences: z.array(z.string().max(1000)).max(4).optional(),
  tools: z.array(tool).max(128).optional(),
  toolChoice: toolChoice.optional(),
  /** Passed on as OpenAI's `user`, for its abuse monitoring. */
  userId: z.string().max(200).optional(),
})

const stopReason = z.enum(['stop', 'max_tokens', 'tool_calls', 'content_filter', 'other'])

export const choice = z.object({
  role: z.literal('assistant'),
  ...messageFields,
  index: z.number().int().nonnegative(),
  stopReason,
})

export const generateContentOutput = z.object({
  /** The server's id for the answer. */
  id: z.string(),
  provider: z.string(),
  /** The model that answered, as the server names it. */
  model: z.string(),
  choices: z.array(choice),
  usage: z.object({
    inputTokens: z.number().int().nonnegative(),
    /** US dollars, from the configured `inputCostPer1MTokens` of the model (0 when not configured). */
    inputCost: z.number().nonnegative(),
    outputTokens: z.number().int().nonnegative(),
    outputCost: z.number().nonnegative(),
  }),
  /** Botpress reports the call's total cost here; so does this integration, for code written against it. */
  botpress: z.object({ cost: z.number().nonnegative() }),
  /** Parley's convenience: the text of the first choice (empty when it only calls tools). */
  content: z.string(),
})

export const languageModel = modelRef.extend({
  name: z.string(),
  description: z.string(),
  tags: z.array(z.enum(MODEL_TAGS)),
  input: z.object({ maxTokens: z.number().int().nonnegative(), costPer1MTokens: z.number().nonnegative() }),
  output: z.object({ maxTokens: z.number().int().nonnegative(), costPer1MTokens: z.number().nonnegative() }),
})

export const listLanguageModelsOutput = z.object({ models: z.array(languageModel) })

export type GenerateContentInput = z.input<typeof generateContentInput>
export type ParsedGenerateContentInput = z.infer<typeof generateContentInput>
export type GenerateContentOutput = z.infer<typeof generateContentOutput>
export type Choice = z.infer<typeof choice>
export type LlmMessage = z.infer<typeof message>
export type LanguageModel = z.infer<typeof languageModel>
