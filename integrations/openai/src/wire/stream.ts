import { EventSourceParserStream, type EventSourceMessage } from 'eventsource-parser/stream'
import { OpenAiError } from '../errors.js'
import { badResponse, issuesOf } from './chat.js'
import type { Endpoint } from './endpoint.js'
import { MAX_ANSWER_BYTES, send, within, type UpstreamAnswer } from './http.js'
import { chatChunk, errorBody, type ChatChunk, type ChatCompletion, type ChatRequest } from './protocol.js'
import { parseJson, shorten } from './text.js'

const DONE = '[DONE]'

/**
 * `POST /chat/completions` with `stream: true`: the server-sent events of the answer, one chunk each,
 * until `data: [DONE]`. `timeoutMs` bounds the wait for each chunk, so a stream that stalls fails
 * instead of hanging; the whole stream is bounded in size like a non-streamed answer.
 */
export async function* streamChat(endpoint: Endpoint, request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatChunk> {
  const json = { ...request, stream: true, stream_options: { include_usage: true } }
  const answer = await send({ endpoint, method: 'post', url: endpoint.chatUrl(request.model), json, ...(signal ? { signal } : {}) })
  if (!answer.response.body) throw badResponse(endpoint.server, answer, 'no body to stream')
  const events = answer.response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream({ maxBufferSize: MAX_ANSWER_BYTES }))
  const reader = events.getReader()
  try {
    yield* chunksOf(endpoint, answer, reader)
  } finally {
    await reader.cancel().catch(() => undefined)
  }
}

async function* chunksOf(endpoint: Endpoint, answer: UpstreamAnswer, reader: ReadableStreamDefaultReader<EventSourceMessage>): AsyncGenerator<ChatChunk> {
  let received = 0
  let finished = false
  for (;;) {
    const next = await within(endpoint, answer, () => reader.read())
    // Some servers close the stream after the last choice finished without sending [DONE]; that answer is whole.
    if (next.done && finished) return
    if (next.done) throw badResponse(endpoint.server, answer, `a stream that ended before the answer was complete`)
    if (next.value.data === DONE) return
    received += next.value.data.length
    if (received > MAX_ANSWER_BYTES) throw badResponse(endpoint.server, answer, `a stream larger than ${MAX_ANSWER_BYTES} bytes`)
    const chunk = chunkOf(endpoint, answer, next.value.data)
    finished ||= chunk.choices.some((choice) => choice.finish_reason)
    yield chunk
  }
}

function chunkOf(endpoint: Endpoint, answer: UpstreamAnswer, data: string): ChatChunk {
  const json = parseJson(data)
  if (json === undefined) throw badResponse(endpoint.server, answer, `a stream event that is not JSON: ${JSON.stringify(shorten(data))}`)
  const failure = errorBody.safeParse(json)
  if (failure.success) throw streamedError(endpoint.server, failure.data.error)
  const parsed = chatChunk.safeParse(json)
  if (!parsed.success) throw badResponse(endpoint.server, answer, `a stream event that is not a chat completion chunk (${issuesOf(parsed.error)})`)
  return parsed.data
}

/** Servers that fail after the stream started send the error as an event. */
function streamedError(server: string, error: string | { message?: string | undefined; type?: string | null | undefined }): OpenAiError {
  const message = typeof error === 'string' ? error : error.message ?? ''
  const type = typeof error === 'string' ? undefined : error.type ?? undefined
  return new OpenAiError('UPSTREAM_FAILED', `the chat-completions server at ${server} failed while streaming: ${JSON.stringify(shorten(message))}`, { ...(type ? { upstreamType: type } : {}) })
}

/**
 * The chunks of a streamed answer put together as the same completion a non-streamed call returns:
 * content concatenated, tool calls assembled from their pieces, the last finish reason and usage.
 */
export function assemble(chunks: readonly ChatChunk[]): ChatCompletion {
  const choices = new Map<number, AssembledChoice>()
  for (const chunk of chunks) for (const choice of chunk.choices) addDelta(choiceAt(choices, choice.index), choice)
  const usage = chunks.findLast((chunk) => chunk.usage)?.usage
  return {
    id: chunks.find((chunk) => chunk.id)?.id,
    model: chunks.find((chunk) => chunk.model)?.model,
    choices: [...choices.entries()].sort(([a], [b]) => a - b).map(([index, choice]) => completedChoice(index, choice)),
    usage,
  }
}

interface AssembledChoice {
  content: string | undefined
  refusal: string | undefined
  finishReason: string | undefined
  readonly toolCalls: Map<number, { id: string; name: string; arguments: string }>
}

function choiceAt(choices: Map<number, AssembledChoice>, index: number): AssembledChoice {
  const existing = choices.get(index)
  if (existing) return existing
  const created: AssembledChoice = { content: undefined, refusal: undefined, finishReason: undefined, toolCalls: new Map() }
  choices.set(index, created)
  return created
}

function addDelta(choice: AssembledChoice, { delta, finish_reason }: ChatChunk['choices'][number]): void {
  if (delta.content) choice.content = (choice.content ?? '') + delta.content
  if (delta.refusal) choice.refusal = (choice.refusal ?? '') + delta.refusal
  if (finish_reason) choice.finishReason = finish_reason
  for (const piece of delta.tool_calls ?? []) {
    const call = choice.toolCalls.get(piece.index) ?? { id: '', name: '', arguments: '' }
    choice.toolCalls.set(piece.index, {
      id: piece.id || call.id,
      name: call.name + (piece.function?.name ?? ''),
      arguments: call.arguments + (piece.function?.arguments ?? ''),
    })
  }
}

function completedChoice(index: number, choice: AssembledChoice): ChatCompletion['choices'][number] {
  const toolCalls = [...choice.toolCalls.entries()].sort(([a], [b]) => a - b).map(([, call]) => ({ id: call.id, type: 'function' as const, function: { name: call.name, arguments: call.arguments } }))
  return {
    index,
    message: { content: choice.content ?? null, refusal: choice.refusal ?? null, tool_calls: toolCalls.length > 0 ? toolCalls : null },
    finish_reason: choice.finishReason ?? null,
  }
}
