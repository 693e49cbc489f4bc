import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach } from 'vitest'

// A local server speaking the chat-completions wire format, standing in for OpenAI and the servers that
// copy its API. Its answers have the shapes OpenAI documents (ids, `object`, `usage` details, SSE
// chunks ending in `data: [DONE]`), so the integration is tested against what it will really read.

/** A request as the server received it. */
export interface ReceivedRequest {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage['headers']
  readonly body: any // any: the test reads whatever the integration sent
  /** When it arrived (ms since the epoch), to check waits between retries. */
  readonly at: number
}

/** How to answer one request. */
export type Reply =
  | { readonly json: unknown; readonly status?: number; readonly headers?: Record<string, string> }
  | { readonly raw: string; readonly status?: number; readonly headers?: Record<string, string> }
  /** Server-sent events: each value is sent as `data: <json>` (strings as they are), then `[DONE]` unless `done: false`. */
  | { readonly events: readonly unknown[]; readonly done?: boolean; readonly stallAfter?: boolean }
  /** Never answers. */
  | { readonly hang: true }
  /** Sends the status (200 unless given) and headers, then never finishes the body. */
  | { readonly stallBody: true; readonly status?: number }

export interface FakeChatServer {
  /** The base URL, like `https://api.openai.com/v1`. */
  readonly baseUrl: string
  readonly requests: ReceivedRequest[]
  /** Answers the next requests with these, in order; when none is left, `fallback` answers. */
  reply(...replies: Reply[]): void
  /** Forgets the requests received and the replies not used: a test that failed leaves none to the next. */
  forget(): void
  close(): Promise<void>
}

/**
 * Keeps a connection the client left idle open until the server closes: by default a server closes one
 * after 5 s, and a client on a loaded machine can send its next request on it just as it closes, which
 * fails that request with ECONNRESET before it arrives (and leaves its scripted reply to the next test).
 */
function keepIdleConnections(server: Server): void {
  server.keepAliveTimeout = 0
}

export async function startFakeChatServer(fallback: (request: ReceivedRequest) => Reply = echo): Promise<FakeChatServer> {
  const queue: Reply[] = []
  const requests: ReceivedRequest[] = []
  const server = createServer(async (req, res) => {
    const request = await received(req)
    requests.push(request)
    send(res, queue.shift() ?? fallback(request))
  })
  keepIdleConnections(server)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    reply: (...replies) => void queue.push(...replies),
    forget: () => {
      requests.splice(0)
      queue.splice(0)
    },
    close: async () => {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}

/** A server for the whole test file, its requests forgotten before each test. */
export function useFakeChatServer(): FakeChatServer {
  let server: FakeChatServer | undefined
  beforeAll(async () => {
    server = await startFakeChatServer()
  })
  afterAll(() => server?.close())
  beforeEach(() => server?.forget())
  const started = () => {
    if (!server) throw new Error('the fake chat server starts in beforeAll: use it inside tests')
    return server
  }
  return {
    get baseUrl() { return started().baseUrl },
    get requests() { return started().requests },
    reply: (...replies) => started().reply(...replies),
    forget: () => started().forget(),
    close: () => started().close(),
  }
}

async function received(req: IncomingMessage): Promise<ReceivedRequest> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : undefined, at: Date.now() }
}

function send(res: ServerResponse, reply: Reply): void {
  if ('hang' in reply) return
  if ('stallBody' in reply) {
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' })
    res.write('{"id": "chatcmpl-stalled", ')
    return
  }
  if ('events' in reply) return sendEvents(res, reply)
  const body = 'json' in reply ? JSON.stringify(reply.json) : reply.raw
  res.writeHead(reply.status ?? 200, { 'content-type': 'json' in reply ? 'application/json' : 'text/plain', ...reply.headers })
  res.end(body)
}

function sendEvents(res: ServerResponse, reply: Extract<Reply, { events: unknown }>): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' })
  for (const event of reply.events) res.write(`data: ${typeof event === 'string' ? event : JSON.stringify(event)}\n\n`)
  if (reply.stallAfter) return
  if (reply.done !== false) res.write('data: [DONE]\n\n')
  res.end()
}

/** Lists one model, and answers chat completions with what the last user message said, as OpenAI would shape both. */
export function echo(request: ReceivedRequest): Reply {
  if (request.method === 'GET' && request.url.endsWith('/models')) return { json: { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' }] } }
  const last = request.body?.messages?.at(-1)?.content
  return { json: completion({ content: `echo: ${typeof last === 'string' ? last : JSON.stringify(last)}`, model: request.body?.model }) }
}

export interface CompletionOptions {
  readonly content?: string | null
  readonly model?: string
  readonly finishReason?: string
  readonly toolCalls?: readonly { id: string; name: string; arguments: string }[]
  readonly usage?: { readonly prompt: number; readonly completion: number }
}

/** A `chat.completion` object as OpenAI returns it. */
export function completion(options: CompletionOptions = {}) {
  const toolCalls = options.toolCalls?.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }))
  const usage = options.usage ?? { prompt: 12, completion: 5 }
  return {
    id: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
    object: 'chat.completion',
    created: 1741570283,
    model: options.model ?? 'gpt-4o-mini-2024-07-18',
    choices: [{
      index: 0,
      message: { role: 'assistant', content: options.content === undefined ? 'Hello there!' : options.content, refusal: null, annotations: [], ...(toolCalls ? { tool_calls: toolCalls } : {}) },
      logprobs: null,
      finish_reason: options.finishReason ?? (toolCalls ? 'tool_calls' : 'stop'),
    }],
    usage: {
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_06737a9306',
  }
}

/** The `chat.completion.chunk` events of a streamed answer: role, content pieces, finish, then usage. */
export function chunks(pieces: readonly string[], options: { readonly finishReason?: string; readonly usage?: { prompt: number; completion: number } } = {}) {
  const base = { id: 'chatcmpl-stream-1', object: 'chat.completion.chunk', created: 1741570283, model: 'gpt-4o-mini-2024-07-18', system_fingerprint: 'fp_06737a9306' }
  const choice = (delta: object, finish: string | null = null) => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })
  const usage = options.usage ?? { prompt: 9, completion: pieces.length }
  return [
    choice({ role: 'assistant', content: '', refusal: null }),
    ...pieces.map((content) => choice({ content })),
    choice({}, options.finishReason ?? 'stop'),
    { ...base, choices: [], usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion } },
  ]
}

/** The chunks of a streamed tool call: its id and name first, its arguments in pieces. */
export function toolCallChunks(call: { id: string; name: string; argumentPieces: readonly string[] }) {
  const base = { id: 'chatcmpl-stream-2', object: 'chat.completion.chunk', created: 1741570283, model: 'gpt-4o-mini-2024-07-18' }
  const delta = (toolCall: object) => ({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, ...toolCall }] }, finish_reason: null }] })
  return [
    { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: null }, finish_reason: null }] },
    delta({ id: call.id, type: 'function', function: { name: call.name, arguments: '' } }),
    ...call.argumentPieces.map((piece) => delta({ function: { arguments: piece } })),
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
  ]
}

/** OpenAI's error body. */
export function openAiError(message: string, type: string, param: string | null = null, code: string | null = null) {
  return { error: { message, type, param, code } }
}
