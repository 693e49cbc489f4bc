import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

// A local server speaking the Telegram Bot API wire format: `POST /bot<token>/<method>` with a JSON
// body, answered with Telegram's envelopes — `{ ok: true, result }`, or `{ ok: false, error_code,
// description, parameters }` with the matching HTTP status — and the result objects it documents.

export interface BotApiCall {
  readonly token: string
  readonly method: string
  readonly params: any // any: each test reads the parameters of the method it expects
  readonly at: number
}

/** Answers the next call of a method: an error envelope, or a raw body and status. */
export type ScriptedAnswer =
  | { readonly error_code: number; readonly description: string; readonly retry_after?: number }
  | { readonly status: number; readonly raw: string }
  /** Sends a 200 and its headers, then never finishes the body. */
  | { readonly stallBody: true }

export interface FakeBotApi {
  readonly url: string
  readonly token: string
  readonly calls: BotApiCall[]
  /** Calls of one method, in order. */
  callsOf(method: string): BotApiCall[]
  /** The next calls of `method` get these answers, in order; then the normal one. */
  script(method: string, ...answers: ScriptedAnswer[]): void
  /** Resolves when `count` calls of `method` have been made. */
  waitFor(method: string, count?: number): Promise<void>
  close(): Promise<void>
}

export const TOKEN = '123456789:AAE-fake_token_for_tests_0123456789'

export async function startFakeBotApi(): Promise<FakeBotApi> {
  const calls: BotApiCall[] = []
  const scripts = new Map<string, ScriptedAnswer[]>()
  const waiters = new Set<() => void>()
  let nextMessageId = 100
  const server = createServer(async (req, res) => {
    const call = await received(req)
    if (!call) return answer(res, 404, { ok: false, error_code: 404, description: 'Not Found' })
    calls.push(call)
    for (const wake of waiters) wake()
    if (call.token !== TOKEN) return answer(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' })
    const scripted = scripts.get(call.method)?.shift()
    if (scripted) return answerScripted(res, scripted)
    answer(res, 200, { ok: true, result: resultOf(call, () => nextMessageId++) })
  })
  // An idle connection stays open until the server closes: by default the server closes one after 5 s,
  // and a client on a loaded machine can send its next call on it just as it closes (ECONNRESET).
  server.keepAliveTimeout = 0
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  const callsOf = (method: string) => calls.filter((call) => call.method === method)
  return {
    url: `http://127.0.0.1:${port}`,
    token: TOKEN,
    calls,
    callsOf,
    script: (method, ...answers) => void scripts.set(method, [...(scripts.get(method) ?? []), ...answers]),
    waitFor: (method, count = 1) => new Promise<void>((resolve) => {
      const check = () => {
        if (callsOf(method).length < count) return
        waiters.delete(check)
        resolve()
      }
      waiters.add(check)
      check()
    }),
    close: async () => {
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}

async function received(req: IncomingMessage): Promise<BotApiCall | undefined> {
  const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url ?? '')
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  if (req.method !== 'POST' || !match) return undefined
  const text = Buffer.concat(chunks).toString('utf8')
  return { token: match[1]!, method: match[2]!, params: text ? JSON.parse(text) : {}, at: Date.now() }
}

function answer(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

function answerScripted(res: ServerResponse, scripted: ScriptedAnswer): void {
  if ('stallBody' in scripted) {
    res.writeHead(200, { 'content-type': 'application/json' })
    return void res.write('{"ok": true, "result": ')
  }
  if ('raw' in scripted) {
    res.writeHead(scripted.status, { 'content-type': 'text/html' })
    return void res.end(scripted.raw)
  }
  const parameters = scripted.retry_after === undefined ? {} : { parameters: { retry_after: scripted.retry_after } }
  answer(res, scripted.error_code, { ok: false, error_code: scripted.error_code, description: scripted.description, ...parameters })
}

/** What Telegram returns for each method: `true`, or the Message it sent. */
function resultOf(call: BotApiCall, messageId: () => number): unknown {
  const { method, params } = call
  if (['setWebhook', 'deleteWebhook', 'answerCallbackQuery'].includes(method)) return true
  const message = {
    message_id: messageId(),
    from: { id: 123456789, is_bot: true, first_name: 'Parley Test Bot', username: 'parley_test_bot' },
    chat: { id: params.chat_id, first_name: 'Ada', type: 'private' },
    date: 1735689600,
  }
  switch (method) {
    case 'sendMessage': return { ...message, text: params.text, ...(params.reply_markup ? { reply_markup: params.reply_markup } : {}) }
    case 'sendPhoto': return { ...message, photo: [{ file_id: 'AgACAgQAAx0', file_unique_id: 'AQAD', width: 90, height: 90, file_size: 1024 }], ...(params.caption ? { caption: params.caption } : {}) }
    case 'sendDocument': return { ...message, document: { file_id: 'BQACAgQAAx0', file_unique_id: 'AgAD', file_name: 'file.pdf' }, ...(params.caption ? { caption: params.caption } : {}) }
    case 'sendLocation': return { ...message, location: { latitude: params.latitude, longitude: params.longitude } }
    default: return {}
  }
}
