import { randomUUID } from 'node:crypto'
import type { ModelEntry } from '../configuration.js'
import type { ChatCompletion } from '../wire/protocol.js'
import { parseJson } from '../wire/text.js'
import type { Choice, GenerateContentOutput, LanguageModel } from './schemas.js'

/** What an answer is reported with besides what the server said. */
export interface AnswerContext {
  readonly provider: string
  /** The model asked for, when the server does not say which answered. */
  readonly model: string
  /** Its configured entry, for the cost. */
  readonly entry: ModelEntry | undefined
}

/** The `llm:generateContent` output for a chat completion. */
export function contentOutput(completion: ChatCompletion, context: AnswerContext): GenerateContentOutput {
  const choices = completion.choices.map((choice, n) => choiceOf(choice, choice.index ?? n))
  const inputTokens = completion.usage?.prompt_tokens ?? 0
  const outputTokens = completion.usage?.completion_tokens ?? 0
  const inputCost = cost(inputTokens, context.entry?.inputCostPer1MTokens)
  const outputCost = cost(outputTokens, context.entry?.outputCostPer1MTokens)
  return {
    id: completion.id || `chatcmpl-${randomUUID()}`,
    provider: context.provider,
    model: completion.model || context.model,
    choices,
    usage: { inputTokens, inputCost, outputTokens, outputCost },
    botpress: { cost: inputCost + outputCost },
    content: textOf(choices[0]),
  }
}

function choiceOf(choice: ChatCompletion['choices'][number], index: number): Choice {
  const { message } = choice
  const content = message.content ?? message.refusal ?? null
  const toolCalls = (message.tool_calls ?? []).map((call) => ({
    id: call.id,
    type: 'function' as const,
    function: { name: call.function.name, arguments: argumentsOf(call.function.arguments) },
  }))
  const stopReason = stopReasonOf(choice.finish_reason)
  if (toolCalls.length === 0) return { role: 'assistant', type: 'text', content, index, stopReason }
  return { role: 'assistant', type: 'tool_calls', content, toolCalls, index, stopReason }
}

/** Models write arguments as JSON text, sometimes broken; the interface carries them parsed, or `null`. */
function argumentsOf(text: string): Record<string, unknown> | null {
  const value = parseJson(text.trim() === '' ? '{}' : text)
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
}

function stopReasonOf(reason: string | null | undefined): Choice['stopReason'] {
  switch (reason) {
    case 'stop': return 'stop'
    case 'length': return 'max_tokens'
    case 'tool_calls':
    case 'function_call': return 'tool_calls'
    case 'content_filter': return 'content_filter'
    default: return 'other'
  }
}

function textOf(choice: Choice | undefined): string {
  return typeof choice?.content === 'string' ? choice.content : ''
}

function cost(tokens: number, perMillion: number | undefined): number {
  return (tokens * (perMillion ?? 0)) / 1_000_000
}

/** How `listLanguageModels` presents a configured model, or one the server listed (with nothing known but its id). */
export function languageModelOf(entry: ModelEntry | { readonly id: string; readonly ownedBy?: string | undefined }): LanguageModel {
  const configured = 'tags' in entry ? entry : undefined
  return {
    id: entry.id,
    name: configured?.name ?? entry.id,
    description: configured?.description ?? ('ownedBy' in entry && entry.ownedBy ? `served by ${entry.ownedBy}` : ''),
    tags: configured?.tags ?? [],
    input: { maxTokens: configured?.maxInputTokens ?? 0, costPer1MTokens: configured?.inputCostPer1MTokens ?? 0 },
    output: { maxTokens: configured?.maxOutputTokens ?? 0, costPer1MTokens: configured?.outputCostPer1MTokens ?? 0 },
  }
}
