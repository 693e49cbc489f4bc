import { IntegrationDefinition, IntegrationImplementation, z } from '@parley/sdk'
import llm from '@parley/interfaces/llm'

/** What `llm:generateContent` receives. */
export interface GenerateContentInput {
  readonly model?: { readonly id: string }
  readonly systemPrompt?: string
  readonly messages: readonly { readonly role: 'user' | 'assistant'; readonly content: string }[]
  readonly temperature?: number
  readonly maxTokens?: number
}

/** A scripted answer: its text, or the whole output. */
export type ScriptedReply = string | {
  readonly content: string
  readonly stopReason?: 'stop' | 'max_tokens' | 'other'
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
    if (next === undefined) throw new Error(`the scripted LLM has no answer left for "${input.messages.at(-1)?.content ?? ''}"; give more with replies, push(…) or reply`)
    return toOutput(next, input, models[0]!)
  }
  const implementation = new IntegrationImplementation({
    actions: {
      generateContent: ({ input }) => answer(input as GenerateContentInput),
      listLanguageModels: () => ({ models: models.map((id) => ({ ref: { id }, info: { name: id } })) }),
    },
    channels: {},
  })
  return { definition, implementation, calls, push: (...replies) => void queue.push(...replies) }
}

function toOutput(reply: ScriptedReply, input: GenerateContentInput, defaultModel: string) {
  const given = typeof reply === 'string' ? { content: reply } : reply
  const words = (text: string) => text.split(/\s+/).filter(Boolean).length
  const usage = given.usage ?? { inputTokens: input.messages.reduce((sum, m) => sum + words(m.content), 0), outputTokens: words(given.content) }
  return { model: input.model ?? { id: defaultModel }, content: given.content, stopReason: given.stopReason ?? 'stop', usage }
}
