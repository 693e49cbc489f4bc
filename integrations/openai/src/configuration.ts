import { z } from '@parley/sdk'

/** Botpress's model tags, so a model list reads the same to plugins written for either. */
export const MODEL_TAGS = [
  'recommended', 'deprecated', 'general-purpose', 'low-cost', 'vision', 'coding', 'agents', 'function-calling', 'roleplay',
  'storytelling', 'reasoning', 'preview',
] as const

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/

const modelEntry = z.object({
  /** What the server calls the model (for Azure, the deployment name). */
  id: z.string().min(1).max(200),
  name: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  tags: z.array(z.enum(MODEL_TAGS)).max(MODEL_TAGS.length).default([]),
  /** Context and output limits in tokens; 0 when unknown. */
  maxInputTokens: z.number().int().nonnegative().default(0),
  maxOutputTokens: z.number().int().nonnegative().default(0),
  /** US dollars per million tokens, to report each call's cost; 0 for a local model. */
  inputCostPer1MTokens: z.number().nonnegative().max(1e6).default(0),
  outputCostPer1MTokens: z.number().nonnegative().max(1e6).default(0),
})

/**
 * How to reach the server. The defaults talk to OpenAI; a local server needs `baseUrl` and `defaultModel`
 * (Ollama: `http://127.0.0.1:11434/v1`; LM Studio: `http://127.0.0.1:1234/v1`; vLLM and llama.cpp:
 * `http://127.0.0.1:8000/v1`, `http://127.0.0.1:8080/v1`). Azure OpenAI: `api: 'azure'`, `baseUrl` the
 * resource (`https://NAME.openai.azure.com`), and model ids are deployment names.
 */
export const configurationSchema = z.object({
  baseUrl: z.string().url().max(2000).refine((url) => /^https?:\/\//i.test(url), 'use an http:// or https:// URL').default('https://api.openai.com/v1'),
  /** `openai`: `POST {baseUrl}/chat/completions` with a bearer key. `azure`: deployments and an `api-key` header. */
  api: z.enum(['openai', 'azure']).default('openai'),
  azureApiVersion: z.string().regex(/^[0-9a-z.-]{1,40}$/, 'use an Azure OpenAI api-version such as 2024-10-21').default('2024-10-21'),
  /** The model used when a call names none. */
  defaultModel: z.string().min(1).max(200).default('gpt-4o-mini'),
  /** The models `listLanguageModels` offers; when empty it asks the server (`GET /models`). */
  models: z.array(modelEntry).max(500).default([]),
  /** Newer OpenAI models take `max_completion_tokens`; most other servers `max_tokens`. */
  maxTokensParameter: z.enum(['max_tokens', 'max_completion_tokens']).default('max_tokens'),
  /** How long to wait for an answer (and, when streaming, between two chunks), per attempt. */
  timeoutMs: z.number().int().min(1).max(600_000).default(60_000),
  /** Retries after a 408, 429 or 5xx answer or a lost connection, with exponential backoff (a `Retry-After` is honoured). */
  maxRetries: z.number().int().min(0).max(10).default(2),
  /** Extra headers on every request, such as `OpenAI-Organization`. */
  headers: z.record(z.string().regex(HEADER_NAME, 'use a valid HTTP header name'), z.string().max(4000)).default({}),
  /** What `provider` reports in each answer; by default `openai`, `azure-openai`, or the server's host. */
  provider: z.string().min(1).max(100).optional(),
})

export type Configuration = z.infer<typeof configurationSchema>
export type ModelEntry = Configuration['models'][number]

/** The secret the API key is read from; local servers need none. */
export const API_KEY_SECRET = 'OPENAI_API_KEY'
