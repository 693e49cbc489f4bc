import { RuntimeError } from '../errors/runtime-error.js'

/** A message of the conversation a model continues (the `llm` interface's message). */
export interface CognitiveMessage {
  readonly role: 'user' | 'assistant'
  readonly type?: 'text' | 'tool_calls' | 'tool_result' | 'multipart'
  readonly content: string | readonly { readonly type: 'text' | 'image'; readonly text?: string; readonly url?: string; readonly mimeType?: string }[] | null
  readonly toolCalls?: readonly unknown[]
  readonly toolResultCallId?: string
}

/**
 * What `cognitive.generateContent` and `generateText` take, in the call shape of Botpress's hosted
 * client: the `llm` interface's input, with the model named by a string: `'fast'` or `'best'` (the
 * integration's default model), a model id (`'gpt-4o'`), or `'llm:gpt-4o'` to pick the integration by
 * the bot's alias for it. `messages` is a plain array, as code builds it up with `push`.
 */
export interface CognitiveRequest {
  readonly model?: ModelPreference | (string & {})
  readonly systemPrompt?: string
  readonly messages: CognitiveMessage[]
  readonly responseFormat?: 'text' | 'json_object'
  readonly temperature?: number
  readonly topP?: number
  readonly maxTokens?: number
  readonly stopSequences?: readonly string[]
  readonly tools?: readonly unknown[]
  readonly toolChoice?: object
  readonly userId?: string
  /** Abandons waiting for the answer (the model's work is not undone). */
  readonly signal?: AbortSignal
}

/** The `llm` interface's output, as far as this helper reads it. */
export interface CognitiveOutput {
  readonly id: string
  readonly provider: string
  readonly model: string
  readonly choices: readonly { readonly content: CognitiveMessage['content']; readonly stopReason: string; readonly index: number }[]
  readonly usage: { readonly inputTokens: number; readonly outputTokens: number; readonly inputCost: number; readonly outputCost: number }
  readonly content?: string
}

/** Botpress's model preferences: both are served by the integration's default model. */
export type ModelPreference = 'fast' | 'best'

/** What `generateContent` answers: the `llm` interface's output, and what it cost. */
export interface CognitiveContentResponse<TOutput extends CognitiveOutput = CognitiveOutput> {
  readonly output: TOutput
  readonly meta: CognitiveMeta
}

/** What `generateText` answers, as Botpress's hosted client does: the first choice's text (`''` if none), and what it cost. */
export interface CognitiveResponse {
  readonly output: string
  readonly meta: CognitiveMeta
}

/** What a call cost, as Botpress's hosted client reports it. */
export interface CognitiveMeta {
  readonly cached: boolean
  readonly model: { readonly integration: string; readonly model: string }
  /** Milliseconds from the call to the answer. */
  readonly latency: number
  readonly cost: { readonly input: number; readonly output: number }
  readonly tokens: { readonly input: number; readonly output: number }
}

/** An `llm` dependency as handler props give it: `interfaces.llm`. */
export interface LlmDependency<TOutput extends CognitiveOutput> {
  readonly integrationAlias?: string
  generateContent(input: never): Promise<TOutput>
}

/**
 * A client the helper can send requests through, as Botpress's `BotpressClientLike`: handler props'
 * `client` is one.
 */
export interface BotpressClientLike {
  callAction(request: { readonly type: string; readonly input: never }): Promise<unknown>
}

/**
 * Where the helper sends requests: a plugin's `llm` dependency, else through a client. Through a client,
 * `alias:model` goes to that integration, and any other model to {@link COGNITIVE_ACTION}, which the
 * runtime serves with the bot's `llm` integration (the first one added that implements `llm`).
 */
export interface CognitiveSource<TOutput extends CognitiveOutput> {
  readonly llm?: LlmDependency<TOutput>
  readonly client?: BotpressClientLike
}

/** The action name a client resolves to the bot's `llm` integration's `generateContent`, from any code. */
export const COGNITIVE_ACTION = 'cognitive:generateContent'

/**
 * The LLM helper Botpress plugins get from the hosted `cognitive` client, served here by whatever
 * integration backs the `llm` interface in the bot: no service of its own, no key.
 *
 * @example
 * const cognitive = new Cognitive({ client: props.client })
 * const { output } = await cognitive.generateText({ model: 'fast', systemPrompt, messages: [{ role: 'user', content: text }] })
 */
export class Cognitive<TOutput extends CognitiveOutput = CognitiveOutput> {
  readonly #source: CognitiveSource<TOutput>

  constructor(source: CognitiveSource<TOutput>) {
    this.#source = source
  }

  async generateContent(request: CognitiveRequest): Promise<CognitiveContentResponse<TOutput>> {
    const { signal, model, ...rest } = request
    signal?.throwIfAborted()
    const started = Date.now()
    const { integration, call } = this.#route(model)
    const id = model === undefined || isPreference(model) ? undefined : modelId(model)
    const output = await abortable(call({ ...rest, ...(id === undefined ? {} : { model: { id } }) }), signal)
    return { output, meta: meta(output, integration, Date.now() - started) }
  }

  /** {@link generateContent}, answering the first choice's text only. */
  async generateText(request: CognitiveRequest): Promise<CognitiveResponse> {
    const { output, meta } = await this.generateContent(request)
    return { output: textOf(output), meta }
  }

  #route(model: string | undefined): { integration: string; call: (input: object) => Promise<TOutput> } {
    const { llm, client } = this.#source
    const alias = model?.includes(':') ? model.slice(0, model.indexOf(':')) : undefined
    if (llm && alias === undefined) return { integration: llm.integrationAlias ?? 'llm', call: (input) => llm.generateContent(input as never) }
    if (client) {
      const type = alias === undefined ? COGNITIVE_ACTION : `${alias}:generateContent`
      return { integration: alias ?? 'llm', call: async (input) => (await client.callAction({ type, input: input as never })) as TOutput }
    }
    if (llm) return { integration: llm.integrationAlias ?? 'llm', call: (input) => llm.generateContent(input as never) }
    throw new RuntimeError('the cognitive helper needs a client (handler props\' `client`) or an `llm` dependency (interfaces.llm)', { code: 'COGNITIVE_UNAVAILABLE' })
  }
}

const isPreference = (model: string): model is ModelPreference => model === 'fast' || model === 'best'

function textOf(output: CognitiveOutput): string {
  const content = output.choices[0]?.content ?? output.content ?? ''
  if (typeof content === 'string') return content
  return (content ?? []).map((part) => part.text ?? '').join('')
}

const modelId = (model: string): string => (model.includes(':') ? model.slice(model.indexOf(':') + 1) : model)

function meta(output: CognitiveOutput, integration: string, latency: number): CognitiveMeta {
  const { usage } = output
  return {
    cached: false,
    model: { integration, model: output.model },
    latency,
    cost: { input: usage.inputCost, output: usage.outputCost },
    tokens: { input: usage.inputTokens, output: usage.outputTokens },
  }
}

function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}
