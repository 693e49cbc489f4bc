import { IntegrationDefinition, IntegrationImplementation, z } from '@parley/sdk'
import llm from '@parley/interfaces/llm'

/** What `llm:generateContent` receives (the `llm` interface's input; see `@parley/interfaces/llm`). */
export interface GenerateContentInput {
  readonly model?: { readonly id: string }
  readonly systemPrompt?: string
  readonly messages: readonly { readonly role: 'user' | 'assistant'; readonly content: string | readonly { readonly text?: string }[] | null }[]
  readonly temperature?: number
  readonly maxTokens?: number
  readonly responseFormat?: 'text' | 'json_object'
}

/** A scripted answer: its text, or the whole output. */
export type ScriptedReply = string | {
  readonly content: string
  readonly stopReason?: 'stop' | 'max_tokens' | 'tool_calls' | 'content_filter' | 'other'
  readonly usage?: { readonly inputTokens: number; readonly outputTokens: number }
}

export interface ScriptedLlmOptions {
  /** Answers handed out in order, one per call. */
  readonly replies?: readonly ScriptedReply[]
  /** Computes the answer when no scripted one is left. */
  readonly reply?: (input: GenerateContentInput) => ScriptedReply | Promise<ScriptedReply>
  /** Model ids it offers; `scripted` by default. */
  readonly models?: readonly string[]
}

/** An integration package implementing the `llm` interface with scripted answers, for deterministic tests. */
export interface ScriptedLlm {
  readonly definition: IntegrationDefinition
  readonly implementation: IntegrationImplementation
  /** Every `generateContent` input received, in order. */
  readonly calls: GenerateContentInput[]
  /** Adds answers to hand out after those already scripted. */
  push(...replies: ScriptedReply[]): void
}

const scriptedModel = z.object({ id: z.string() })

/**
 * An LLM to add to a test bot: `bot.addIntegration(scriptedLlm({ replies: ['positive'] }), { alias: 'llm' })`.
 *
 * @example
 * const model = scriptedLlm({ reply: ({ messages }) => `echo: ${messages.at(-1)?.content}` })
 */
export function scriptedLlm(options: ScriptedLlmOptions = {}): ScriptedLlm {
  const queue = [...(options.replies ?? [])]
  const calls: GenerateContentInput[] = []
  const models = options.models ?? ['scripted']
  const definition = new IntegrationDefinition({
    name: 'scripted-llm', version: '1.0.0', title: 'Scripted LLM', entities: { model: { schema: scriptedModel } },
  }).extend(llm, ({ entities }) => ({ entities: { modelRef: entities.model } }))
  const answer = async (input: GenerateContentInput) => {
    calls.push(input)
    const next = queue.shift() ?? (await options.reply?.(input))
    if (next === undefined) throw new Error(`the scripted LLM has no answer left for "${textOf(input.messages.at(-1)?.content)}"; give more with replies, push(…) or reply`)
    return toOutput(next, input, models[0]!)
  }
  const implementation = new IntegrationImplementation({
    actions: {
      generateContent: ({ input }) => answer(input as GenerateContentInput),
      listLanguageModels: () => ({ models: models.map((id) => ({ id, name: id, description: 'A scripted model', tags: [], input: { maxTokens: 100_000, costPer1MTokens: 0 }, output: { maxTokens: 100_000, costPer1MTokens: 0 } })) }),
    },
    channels: {},
  })
  return { definition, implementation, calls, push: (...replies) => void queue.push(...replies) }
}

const textOf = (content: GenerateContentInput['messages'][number]['content'] | undefined): string =>
  typeof content === 'string' ? content : (content ?? []).map((part) => part.text ?? '').join('')

let responses = 0

/** The `llm` interface's output (Botpress's fields, and `content`), costing nothing. */
function toOutput(reply: ScriptedReply, input: GenerateContentInput, defaultModel: string) {
  const given = typeof reply === 'string' ? { content: reply } : reply
  const words = (text: string) => text.split(/\s+/).filter(Boolean).length
  const usage = given.usage ?? { inputTokens: input.messages.reduce((sum, m) => sum + words(textOf(m.content)), 0), outputTokens: words(given.content) }
  return {
    id: `scripted-${++responses}`,
    provider: 'scripted',
    model: input.model?.id ?? defaultModel,
    choices: [{ role: 'assistant' as const, type: 'text' as const, content: given.content, index: 0, stopReason: given.stopReason ?? 'stop' }],
    usage: { ...usage, inputCost: 0, outputCost: 0 },
    botpress: { cost: 0 },
    content: given.content,
  }
}
