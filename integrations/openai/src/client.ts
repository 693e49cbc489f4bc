import type { z } from '@parley/sdk'
import { configurationSchema, type Configuration } from './configuration.js'
import { OpenAiError } from './errors.js'
import { contentOutput, languageModelOf, type AnswerContext } from './llm/answer.js'
import { chatRequest } from './llm/request.js'
import { generateContentInput, type GenerateContentInput, type GenerateContentOutput, type LanguageModel } from './llm/schemas.js'
import { complete, listModels } from './wire/chat.js'
import { endpointOf, providerOf, type Endpoint } from './wire/endpoint.js'
import type { ChatChunk } from './wire/protocol.js'
import { assemble, streamChat } from './wire/stream.js'

/** A piece of text as the model writes it, for the choice at `choice`. */
export interface TextDelta {
  readonly choice: number
  readonly text: string
}

/**
 * A streamed answer: iterate it for the text as it arrives; `output()` gives the whole answer (the same
 * one `generateContent` returns) once the stream ends, reading whatever the iteration left.
 */
export interface ContentStream extends AsyncIterable<TextDelta> {
  output(): Promise<GenerateContentOutput>
}

export interface CallOptions {
  readonly signal?: AbortSignal
}

/** The `llm` operations against one server, usable from the integration's actions or directly. */
export interface OpenAiClient {
  generateContent(input: GenerateContentInput, options?: CallOptions): Promise<GenerateContentOutput>
  streamContent(input: GenerateContentInput, options?: CallOptions): ContentStream
  listLanguageModels(): Promise<{ models: LanguageModel[] }>
}

export interface OpenAiClientOptions {
  /** The integration's configuration (defaults applied when not parsed yet). */
  readonly configuration?: z.input<typeof configurationSchema>
  /** The API key; none for a local server without one. */
  readonly apiKey?: string | undefined
}

/**
 * A client for an OpenAI-compatible server, configured like the integration.
 *
 * @example
 * const llm = createOpenAiClient({ configuration: { baseUrl: 'http://127.0.0.1:11434/v1', defaultModel: 'llama3.2' } })
 * const stream = llm.streamContent({ messages: [{ role: 'user', content: 'Hi' }] })
 * for await (const { text } of stream) process.stdout.write(text)
 * const { usage } = await stream.output()
 */
export function createOpenAiClient(options: OpenAiClientOptions = {}): OpenAiClient {
  const configuration = configurationSchema.parse(options.configuration ?? {})
  const endpoint = endpointOf(configuration, options.apiKey || undefined)
  return {
    generateContent: async (given, call = {}) => {
      const input = generateContentInput.parse(given)
      const request = chatRequest(input, configuration)
      return contentOutput(await complete(endpoint, request, call.signal), answerContext(configuration, request.model))
    },
    streamContent: (given, call = {}) => {
      const request = chatRequest(generateContentInput.parse(given), configuration)
      return contentStream(streamChat(endpoint, request, call.signal), (chunks) => streamedOutput(endpoint, chunks, answerContext(configuration, request.model)))
    },
    listLanguageModels: async () => ({ models: await languageModels(configuration, endpoint) }),
  }
}

function answerContext(configuration: Configuration, model: string): AnswerContext {
  return { provider: providerOf(configuration), model, entry: configuration.models.find((entry) => entry.id === model) }
}

async function languageModels(configuration: Configuration, endpoint: Endpoint): Promise<LanguageModel[]> {
  if (configuration.models.length > 0 || !endpoint.modelsUrl) return configuration.models.map(languageModelOf)
  return (await listModels(endpoint, endpoint.modelsUrl)).map((model) => languageModelOf({ id: model.id, ownedBy: model.owned_by }))
}

function streamedOutput(endpoint: Endpoint, chunks: readonly ChatChunk[], context: AnswerContext): GenerateContentOutput {
  const completion = assemble(chunks)
  if (completion.choices.length === 0) throw new OpenAiError('UPSTREAM_BAD_RESPONSE', `the chat-completions server at ${endpoint.server} streamed no choice`)
  return contentOutput(completion, context)
}

function contentStream(source: AsyncGenerator<ChatChunk>, finish: (chunks: readonly ChatChunk[]) => GenerateContentOutput): ContentStream {
  const chunks: ChatChunk[] = []
  let failure: { error: unknown } | undefined
  const deltas = (async function* () {
    try {
      for await (const chunk of source) {
        chunks.push(chunk)
        for (const choice of chunk.choices) if (choice.delta.content) yield { choice: choice.index, text: choice.delta.content }
      }
    } catch (error) {
      failure = { error }
      throw error
    }
  })()
  return {
    [Symbol.asyncIterator]: () => deltas,
    output: async () => {
      for await (const _ of deltas); // reads what the caller's iteration left
      if (failure) throw failure.error
      return finish(chunks)
    },
  }
}
