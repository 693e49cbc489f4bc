import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { verifyAppRequest } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliCommand, watchProcess, type WatchedProcess } from '../support/cli-process.js'
import { CONDITIONS } from '../support/built.js'
import { makeTempDir } from '../support/temp-project.js'

// `parley dev` as a process, reached only from outside over HTTP, with local servers standing in for the
// outside services: Telegram's Bot API, an OpenAI-compatible model server and two external apps.

const TOKEN = 'a1'.repeat(16)
const TELEGRAM_TOKEN = '123456789:AAE-fake_token_for_tests_0123456789'
const TELEGRAM_SECRET = 'telegram-webhook-secret'
const APP_SECRET = 'app-signing-secret-0123456789'

/** What a local server received, and a way to wait until something arrives. */
function recorded<T>() {
  const items: T[] = []
  const waiters = new Set<() => void>()
  return {
    items,
    add: (item: T) => (items.push(item), waiters.forEach((wake) => wake())),
    until: (match: (item: T) => boolean) => new Promise<T>((resolve) => {
      const check = () => {
        const found = items.find(match)
        if (!found) return
        waiters.delete(check)
        resolve(found)
      }
      waiters.add(check)
      check()
    }),
  }
}

interface Request {
  readonly path: string
  readonly query: URLSearchParams
  readonly headers: IncomingMessage['headers']
  readonly body: string
  readonly json: any // any: each double reads the fields of the wire format it speaks
}

async function serve(answer: (request: Request) => { status?: number; json: unknown }) {
  const requests = recorded<Request>()
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    const url = new URL(req.url!, 'http://local')
    const request = { path: url.pathname, query: url.searchParams, headers: req.headers, body, json: body ? JSON.parse(body) : {} }
    const { status = 200, json } = answer(request)
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json))
    requests.add(request)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close: () => (server.closeAllConnections(), server.close()) }
}

const telegram = await serve(({ path, json }) => {
  const method = path.split('/').at(-1)
  if (method !== 'sendMessage') return { json: { ok: true, result: true } }
  return { json: { ok: true, result: { message_id: 7, chat: { id: json.chat_id, type: 'private' }, date: 1_735_689_600, text: json.text } } }
})
const model = await serve(({ json }) => ({
  json: {
    id: 'chatcmpl-1', object: 'chat.completion', created: 1_735_689_600, model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content: `model says: ${json.messages.at(-1).content}` }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
  },
}))
let transcriptsFail = false
const transcriptApp = await serve(() => (transcriptsFail ? { status: 503, json: { error: 'busy' } } : { json: { message: 'noted by the app' } }))
const memoryApp = await serve(() => ({ json: { message: 'memory saved' } }))

const temp = makeTempDir()
afterAll(() => {
  for (const server of [telegram, model, transcriptApp, memoryApp]) server.close()
  temp.cleanup()
})

function botProject(): string {
  const dir = join(temp.dir, 'outside-bot')
  mkdirSync(join(dir, 'src'), { recursive: true })
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name: 'outside-bot', private: true, type: 'module',
    parleyDependencies: { telegram: '@parley/integration-telegram', llm: '@parley/integration-openai' },
  }))
  writeFileSync(join(dir, 'bot.definition.ts'), `import { BotDefinition } from '@parley/sdk'
import telegram from '@parley/integration-telegram'
import openai from '@parley/integration-openai'
const bot = new BotDefinition({})
bot.addIntegration(telegram, { alias: 'telegram', configuration: { apiBaseUrl: process.env.FAKE_TELEGRAM_URL!, webhookUrl: 'https://bot.example.com/hook' } })
bot.addIntegration(openai, { alias: 'llm', configuration: { baseUrl: process.env.MODEL_URL!, defaultModel: 'test-model', maxRetries: 0 } })
export default bot
`)
  writeFileSync(join(dir, 'src/index.ts'), `import { Bot } from '@parley/sdk'
const bot = new Bot({ actions: {} })
bot.on.message('text', async ({ message, client }) => {
  const output = await client.callAction({ type: 'llm:generateContent', input: { messages: [{ role: 'user', content: message.payload.text }] } })
  await client.createMessage({ conversationId: message.conversationId, userId: message.userId, type: 'text', payload: { text: output.content } })
})
export default bot
`)
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, skipLibCheck: true, noEmit: true, customConditions: CONDITIONS, types: ['node'] },
    include: ['*.ts', 'src'],
  }))
  return dir
}

const manifest = (id: string, trigger: string, url: string) => ({
  id, name: id, author: '@tests', description: 'a test app', image: '/icon.png', prompt: '', memories: false, chat: false,
  capabilities: ['external_integration'], external_integration: { triggers_on: trigger, webhook_url: `${url}/hook`, setup_instructions_file_path: '/setup.md' },
})

describe('a bot connected to the outside world, under parley dev', () => {
  const dir = botProject()
  const env = {
    PARLEY_API_TOKENS: `admin=${TOKEN}`, TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    FAKE_TELEGRAM_URL: telegram.url, MODEL_URL: `${model.url}/v1`,
  }
  let dev: WatchedProcess
  let base = ''
  let botId = ''

  async function startDev(): Promise<void> {
    dev = watchProcess(cliCommand(['dev', '--port', '0']), { cwd: dir, env })
    const [, chatUrl] = await dev.waitFor(/Chat:\s+(\S+)/)
    const url = new URL(chatUrl!)
    base = url.origin
    botId = url.pathname.split('/').at(-1)!
  }
  async function stopDev(): Promise<void> {
    dev.child.kill('SIGTERM')
    expect(await dev.exited).toBe(0)
  }
  const api = (path: string, init: RequestInit = {}) => fetch(`${base}/v1/bots/${botId}${path}`, {
    ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...init.headers },
  })
  let updateId = 1
  const telegramSays = (text: string) => fetch(`${base}/v1/bots/${botId}/integrations/telegram/webhook`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
    body: JSON.stringify({ update_id: updateId++, message: { message_id: updateId, from: { id: 42, is_bot: false, first_name: 'Ada' }, chat: { id: 42, type: 'private', first_name: 'Ada' }, date: 1_735_689_600, text } }),
  })
  const sentToTelegram = (text: string) => telegram.requests.until((r) => r.path.endsWith('/sendMessage') && r.json.text === text)
  const verifies = (request: Request) => verifyAppRequest({ header: request.headers['x-parley-signature'] as string, secret: APP_SECRET, uid: request.query.get('uid')!, body: request.body })

  beforeAll(startDev)
  afterAll(() => dev.child.kill('SIGTERM'))

  it('answers a Telegram update through the model, and refuses an unsigned one', async () => {
    expect((await telegramSays('hello')).status).toBe(200)
    const reply = await sentToTelegram('model says: hello')
    expect(reply.json.chat_id).toBe(42)
    expect(model.requests.items[0]!.json.messages).toEqual([{ role: 'user', content: 'hello' }])
    const unsigned = await fetch(`${base}/v1/bots/${botId}/integrations/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"update_id":1}' })
    expect(unsigned.status).toBe(401)
  })

  it('delivers signed transcript batches and conversation ends to external apps, whose replies reach the conversation', async () => {
    const install = (id: string, trigger: string, url: string) => api('/apps', {
      method: 'POST', body: JSON.stringify({ manifest: manifest(id, trigger, url), secret: APP_SECRET, intervalSeconds: 1, memoryAfterSeconds: 1 }),
    })
    const unknown = await install('bad', 'on_everything', transcriptApp.url)
    expect(unknown.status).toBe(400)
    expect(JSON.stringify(await unknown.json())).toContain('use one of \\"memory_creation\\", \\"transcript_processed\\"')
    const huge = await api('/apps', { method: 'POST', body: JSON.stringify({ manifest: manifest('news', 'transcript_processed', transcriptApp.url), intervalSeconds: 1e308 }) })
    expect(huge.status).toBe(400)
    expect(JSON.stringify(await huge.json())).toContain('body.intervalSeconds')
    expect((await install('news', 'transcript_processed', transcriptApp.url)).status).toBe(201)
    expect((await install('notes', 'memory_creation', memoryApp.url)).status).toBe(201)

    await telegramSays('the moon is cheese')
    await sentToTelegram('model says: the moon is cheese')
    const batch = await transcriptApp.requests.until((r) => r.json.segments.some((s: any) => s.text === 'the moon is cheese'))
    expect(verifies(batch)).toBe(true)
    expect(verifyAppRequest({ header: batch.headers['x-parley-signature'] as string, secret: 'another-secret-entirely', uid: batch.query.get('uid')!, body: batch.body })).toBe(false)
    expect(batch.json.session_id).toEqual(expect.any(String))
    await sentToTelegram('noted by the app')

    const memory = await memoryApp.requests.until((r) => r.json.transcript.includes('User: the moon is cheese'))
    expect(verifies(memory)).toBe(true)
    expect(memory.json.id).toBe(batch.json.session_id)
    await sentToTelegram('memory saved')
    const messages = await (await api(`/conversations/${batch.json.session_id}/messages?limit=100`)).json() as { messages: { payload: { text: string } }[] }
    expect(messages.messages.map((m) => m.payload.text)).toEqual(expect.arrayContaining(['noted by the app', 'memory saved']))
  })

  it('keeps a failing delivery across a restart and delivers it once the app is back', async () => {
    transcriptsFail = true
    const before = transcriptApp.requests.items.length
    const notedBefore = telegram.requests.items.length
    await telegramSays('are you there?')
    const failed = await transcriptApp.requests.until((r) => transcriptApp.requests.items.indexOf(r) >= before && r.body.includes('are you there?'))
    await stopDev()
    transcriptsFail = false
    await startDev()
    const retried = await transcriptApp.requests.until((r) => transcriptApp.requests.items.indexOf(r) > transcriptApp.requests.items.indexOf(failed) && r.body === failed.body)
    expect(verifies(retried)).toBe(true)
    await telegram.requests.until((r) => r.path.endsWith('/sendMessage') && r.json.text === 'noted by the app' && telegram.requests.items.indexOf(r) > notedBefore)
    const deliveries = await (await api(`/app-deliveries?appId=news&conversationId=${failed.json.session_id}`)).json() as { deliveries: { status: string; httpStatus?: number }[] }
    expect(deliveries.deliveries).toEqual(expect.arrayContaining([
      expect.objectContaining({ status: 'retrying', httpStatus: 503 }), expect.objectContaining({ status: 'delivered', httpStatus: 200 }),
    ]))
    await stopDev()
  })
})
