import { z } from '@parley/sdk'

// The chat-completions wire format, as OpenAI documents it and compatible servers speak it. Responses
// are read leniently (servers add fields of their own, and leave optional ones out) but every field
// this integration uses is checked, so a malformed answer is reported instead of turning into `undefined`.

export type ContentPart =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'image_url'; readonly image_url: { readonly url: string } }

export interface WireToolCall {
  readonly id: string
  readonly type: 'function'
  readonly function: { readonly name: string; readonly arguments: string }
}

export type WireMessage =
  | { readonly role: 'system'; readonly content: string }
  | { readonly role: 'user'; readonly content: string | readonly ContentPart[] }
  | { readonly role: 'assistant'; readonly content: string | null; readonly tool_calls?: readonly WireToolCall[] }
  | { readonly role: 'tool'; readonly tool_call_id: string; readonly content: string }

export type WireToolChoice = 'auto' | 'none' | 'required' | { readonly type: 'function'; readonly function: { readonly name: string } }

/** A `POST /chat/completions` body. */
export interface ChatRequest {
  readonly model: string
  readonly messages: readonly WireMessage[]
  readonly temperature?: number
  readonly top_p?: number
  readonly max_tokens?: number
  readonly max_completion_tokens?: number
  readonly stop?: readonly string[]
  readonly response_format?: { readonly type: 'json_object' }
  readonly tools?: readonly { readonly type: 'function'; readonly function: { readonly name: string; readonly description?: string; readonly parameters: object } }[]
  readonly tool_choice?: WireToolChoice
  readonly user?: string
  readonly stream?: boolean
  readonly stream_options?: { readonly include_usage: boolean }
}

const toolCall = z.object({
  id: z.string(),
  type: z.literal('function').default('function'),
  function: z.object({ name: z.string(), arguments: z.string().default('') }),
})

const usage = z.object({
  prompt_tokens: z.number().int().nonnegative().default(0),
  completion_tokens: z.number().int().nonnegative().default(0),
})

export const chatCompletion = z.object({
  id: z.string().optional(),
  model: z.string().optional(),
  choices: z.array(z.object({
    index: z.number().int().nonnegative().optional(),
    message: z.object({
      content: z.string().nullish(),
      refusal: z.string().nullish(),
      tool_calls: z.array(toolCall).nullish(),
    }),
    finish_reason: z.string().nullish(),
  })).min(1),
  usage: usage.nullish(),
})

export type ChatCompletion = z.infer<typeof chatCompletion>

/** One `data:` event of a streamed answer. Tool calls arrive in pieces, keyed by `index`. */
export const chatChunk = z.object({
  id: z.string().optional(),
  model: z.string().optional(),
  choices: z.array(z.object({
    index: z.number().int().nonnegative().default(0),
    delta: z.object({
      content: z.string().nullish(),
      refusal: z.string().nullish(),
      tool_calls: z.array(z.object({
        index: z.number().int().nonnegative(),
        id: z.string().nullish(),
        function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
      })).nullish(),
    }).default({}),
    finish_reason: z.string().nullish(),
  })).default([]),
  usage: usage.nullish(),
})

export type ChatChunk = z.infer<typeof chatChunk>

export const modelList = z.object({
  data: z.array(z.object({ id: z.string(), owned_by: z.string().optional() })),
})

/** OpenAI's error body; most compatible servers answer the same, some with a bare string. */
export const errorBody = z.object({
  error: z.union([
    z.object({ message: z.string().optional(), type: z.string().nullish(), code: z.union([z.string(), z.number()]).nullish(), param: z.string().nullish() }),
    z.string(),
  ]),
})
