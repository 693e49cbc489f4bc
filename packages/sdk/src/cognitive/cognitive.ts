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
 * What `cognitive.generateContent` takes, in the call shape of Botpress's hosted client: the `llm`
 * interface's input, with the model named by a string (`'gpt-4o'`, or `'llm:gpt-4o'` to pick the
 * integration by the bot's alias for it).
 */
export interface CognitiveRequest {
  readonly model?: string
  readonly systemPrompt?: string
  readonly messages: readonly CognitiveMessage[]
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

/** The answer, and what it cost, as Botpress's hosted client reports it. */
export interface CognitiveResponse<TOutput extends CognitiveOutput = CognitiveOutput> {
  readonly output: TOutput
  readonly meta: {
    readonly cached: boolean
    readonly model: { readonly integration: string; readonly model: string }
    /** Milliseconds from the call to the answer. */
    readonly latency: number
    readonly cost: { readonly input: number; readonly output: number }
    readonly tokens: { readonly input: number; readonly output: number }
  }
}

/** An `llm` dependency as handler props give it: `interfaces.llm`. */
export interface LlmDependency<TOutput extends CognitiveOutput> {
  readonly integrationAlias?: string
  generateContent(input: never): Promise<TOutput>
}

/** Where the helper sends requests: a plugin's `llm` dependency, and (for `alias:model` names) a client. */
export interface CognitiveSource<TOutput extends CognitiveOutput> {
  readonly llm?: LlmDependency<TOutput>
  readonly client?: { callAction(request: { readonly type: string; readonly input: never }): Promise<unknown> }
}

/**
 * The LLM helper Botpress plugins get from the hosted `cognitive` client, served here by whatever
 * integration backs the `llm` interface in the bot: no service of its own, no key.
 *
 * @example
 * const cognitive = new Cognitive({ llm: props.interfaces.llm, client: props.client })
 * const { output, meta } = await cognitive.generateContent({ systemPrompt, messages: [{ role: 'user', content: text }] })
 */
export class Cognitive<TOutput extends CognitiveOutput = CognitiveOutput> {
  readonly #source: CognitiveSource<TOutput>

  constructor(source: CognitiveSource<TOutput>) {
    this.#source = source
  }

  async generateContent(request: CognitiveRequest): Promise<CognitiveResponse<TOutput>> {
    const { signal, model, ...rest } = request
    signal?.throwIfAborted()
    const started = Date.now()
    const { integration, call } = this.#route(model)
    const input = { ...rest, ...(model === undefined ? {} : { model: { id: modelId(model) } }) }
    const output = await abortable(call(input), signal)
    return { output, meta: meta(output, integration, Date.now() - started) }
  }

  #route(model: string | undefined): { integration: string; call: (input: object) => Promise<TOutput> } {
    const { llm, client } = this.#source
    const alias = model?.includes(':') ? model.slice(0, model.indexOf(':')) : undefined
    if (alias !== undefined && client) {
      return { integration: alias, call: async (input) => (await client.callAction({ type: `${alias}:generateContent`, input: input as never })) as TOutput }
    }
    if (llm) return { integration: llm.integrationAlias ?? 'llm', call: (input) => llm.generateContent(input as never) }
    throw new RuntimeError('the cognitive helper needs an `llm` dependency (interfaces.llm) or, for a model named alias:model, a client', { code: 'COGNITIVE_UNAVAILABLE' })
  }
}

const modelId = (model: string): string => (model.includes(':') ? model.slice(model.indexOf(':') + 1) : model)

function meta(output: CognitiveOutput, integration: string, latency: number): CognitiveResponse['meta'] {
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
