import { randomBytes } from 'node:crypto'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BotDefinition, BotImplementation, manifestPlugin, z } from '@parley/sdk'
import { openDatabase, type Database } from '@parley/runtime'
import { createTestBot, type TestBot } from '@parley/runtime/testing'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

const MESSAGE_LOGGER = fileURLToPath(new URL('../seeds/fixtures/seed-000/message_logger', import.meta.url))
const root = mkdtempSync(join(tmpdir(), 'parley-seed-000-'))
let folders = 0

/** A plugin folder of this test's own: plugin.json and one handler file. */
function pluginFolder(events: readonly string[], handler: Record<string, string>, variables: object[] = []): string {
  const dir = join(root, `plugin${++folders}`)
  mkdirSync(dir)
  writeFileSync(join(dir, 'plugin.json'), JSON.stringify({ id: `p${folders}`, name: 'Probe', version: '1.0.0', description: 'Records what it sees', events, variables }))
  for (const [name, text] of Object.entries(handler)) writeFileSync(join(dir, name), text)
  return dir
}

/** A bot with one folder plugin and its own handler answering each text, so there is a reply to see. */
function botWith(dir: string, configuration: Record<string, unknown> = {}) {
  const definition = new BotDefinition({ events: { ping: { schema: z.object({ n: z.number() }) } } })
  definition.addPlugin(manifestPlugin(dir), { configuration })
  const implementation = new BotImplementation({ actions: {} })
  implementation.on.message('text', async ({ message, client }) => {
    await client.createMessage({ conversationId: message.conversationId, type: 'text', payload: { text: `echo: ${(message.payload as { text: string }).text}` } })
  })
  return { definition, implementation }
}

/** A local webhook receiver, as the seed's WEBHOOK_URL points at. */
interface Receiver { readonly url: string; readonly bodies: unknown[]; close(): Promise<void> }
async function webhookReceiver(status = 200): Promise<Receiver> {
  const bodies: unknown[] = []
  const server: Server = createServer((request, response) => {
    let text = ''
    request.on('data', (chunk) => { text += chunk })
    request.on('end', () => {
      bodies.push(JSON.parse(text))
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ received: true }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return { url: `http://127.0.0.1:${port}/hook`, bodies, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

async function pluginLogs(bot: TestBot, source: string): Promise<string[]> {
  return (await bot.logs()).filter((log) => log.source === source).map((log) => `${log.level} ${log.message}`)
}

const databases = [
  { name: 'PGlite', open: async () => undefined as Database | undefined, close: async () => {} },
  ...(process.env['PARLEY_SKIP_POSTGRES'] === '1' ? [] : [(() => {
    const schema = `parley_seed000_${randomBytes(5).toString('hex')}`
    let db: Database | undefined
    return {
      name: 'PostgreSQL',
      open: async () => (db ??= await openDatabase({ url: process.env['PARLEY_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test', schema })),
      close: async () => {
        await db?.query(`DROP SCHEMA ${schema} CASCADE`)
        await db?.close()
      },
    }
  })()]),
]

afterAll(() => rmSync(root, { recursive: true, force: true }))

describe.each(databases)('seed 000 plugin folders on $name', (database) => {
  let bot: TestBot | undefined
  let receiver: Receiver | undefined
  const start = async (parts: ReturnType<typeof botWith>) => (bot = await createTestBot({ ...parts, database: await database.open() }))
  afterEach(async () => {
    await bot?.stop()
    await receiver?.close()
    bot = undefined
    receiver = undefined
  })
  afterAll(() => database.close())

  it('runs the seed\'s message_logger: logs each message, and posts to the webhook when the turn completes', async () => {
    receiver = await webhookReceiver()
    await start(botWith(MESSAGE_LOGGER, { WEBHOOK_URL: `  ${receiver.url}  `, MIN_COUNT: 5 }))
    const conversation = await (bot!).conversation()
    const { texts } = await conversation.send('hello there')
    expect(texts).toEqual(['echo: hello there'])
    expect(receiver.bodies).toEqual([{ session_id: conversation.id, event: 'turn_complete' }])
    expect(await pluginLogs(bot!, 'message_logger')).toEqual([
      `info Received: session=${conversation.id}, message=hello there`,
      `info Turn complete notification sent for session ${conversation.id}`,
    ])
  })

  it('runs the seed\'s message_logger without WEBHOOK_URL: it logs the warning and posts nothing', async () => {
    await start(botWith(MESSAGE_LOGGER))
    const conversation = await bot!.conversation()
    await conversation.send('hi')
    expect(await pluginLogs(bot!, 'message_logger')).toEqual([
      `info Received: session=${conversation.id}, message=hi`,
      'warn Skipped: no WEBHOOK_URL configured',
    ])
  })

  it('logs a Python handler\'s exception with its traceback, and the bot carries on', async () => {
    const dir = pluginFolder(['message_received'], {
      'handler.py': 'def on_message_received(event, sdk):\n    if event["message"] == "boom":\n        return 1 / 0\n    sdk.log("fine: " + event["message"])\n',
    })
    await start(botWith(dir))
    const conversation = await bot!.conversation()
    expect((await conversation.send('boom')).texts).toEqual(['echo: boom'])
    expect((await conversation.send('again')).texts).toEqual(['echo: again'])
    const [failure, fine] = await pluginLogs(bot!, `p${folders}`)
    expect(failure).toMatch(/^error plugin "p\d+": on_message_received failed: ZeroDivisionError\('division by zero'\)\nTraceback \(most recent call last\):[\s\S]*handler\.py", line 3, in on_message_received[\s\S]*ZeroDivisionError: division by zero$/)
    expect(fine).toBe('info fine: again')
  })

  it('starts Python again when it dies, and what a handler prints goes to the logs without garbling the bridge', async () => {
    const dir = pluginFolder(['message_received'], {
      'handler.py': 'import os\n\ndef on_message_received(event, sdk):\n    print("pid", os.getpid() > 0, {"not": "protocol"})\n    if event["message"] == "die":\n        os._exit(3)\n    sdk.log("alive: " + event["message"])\n',
    })
    await start(botWith(dir))
    const conversation = await bot!.conversation()
    expect((await conversation.send('die')).texts).toEqual(['echo: die'])
    expect((await conversation.send('back')).texts).toEqual(['echo: back'])
    const logs = await pluginLogs(bot!, `p${folders}`)
    expect(logs).toContain('info pid True {\'not\': \'protocol\'}')
    expect(logs.some((line) => /^error plugin "p\d+": on_message_received failed: python3 running .*handler\.py exited \(code 3\); it starts again with the next event$/.test(line))).toBe(true)
    expect(logs.at(-1)).toBe('info alive: back')
  })

  it('gives Python handlers sdk.config, sdk.send_message and sdk.http_request, which never throws on an HTTP error', async () => {
    receiver = await webhookReceiver(503)
    const dir = pluginFolder(['session_created', 'message_received', 'message_sent', 'turn_complete'], {
      'handler.py': [
        'def on_session_created(event, sdk):',
        '    sdk.send_message(event["session_id"], "welcome, " + sdk.config.get("GREETING", "stranger"))',
        'def on_message_received(event, sdk):',
        '    response = sdk.http_request("POST", sdk.config.get("URL"), json={"text": event["message"]}, headers={"x-probe": "1"}, timeout=5)',
        '    sdk.log(f"{response.status_code} {response[\'ok\']} {response.body} {response.headers[\'content-type\']}", level="warning")',
        '    down = sdk.http_request(method="GET", url="http://127.0.0.1:9/nothing", timeout=2)',
        '    sdk.log(f"{down.status_code} {down.ok}")',
        'def on_message_sent(event, sdk):',
        '    sdk.log("sent " + event["message"], "debug")',
        'def on_turn_complete(event, sdk):',
        '    sdk.log("done " + event["message"])',
      ].join('\n'),
    }, [{ name: 'GREETING', type: 'string' }, { name: 'URL', type: 'string' }])
    await start(botWith(dir, { GREETING: 'friend', URL: receiver.url }))
    const conversation = await bot!.conversation()
    expect((await conversation.send('one')).texts).toEqual(['welcome, friend', 'echo: one'])
    expect((await conversation.send('two')).texts).toEqual(['echo: two'])
    expect(receiver.bodies).toEqual([{ text: 'one' }, { text: 'two' }])
    const logs = await pluginLogs(bot!, `p${folders}`)
    expect(logs).toEqual([
      'debug sent welcome, friend', 'warn 503 False {\'received\': True} application/json', 'info 0 False', 'debug sent echo: one', 'info done one',
      'warn 503 False {\'received\': True} application/json', 'info 0 False', 'debug sent echo: two', 'info done two',
    ])
  })

  it('runs a TypeScript handler with the same events and sdk', async () => {
    const dir = pluginFolder(['session_created', 'message_received', 'message_sent', 'turn_complete', 'event_received'], {
      'handler.ts': [
        'type Sdk = { log(message: string, level?: string): void; config: { get<T>(name: string, fallback?: T): T }; send_message(session: string, text: string): Promise<unknown> }',
        'export async function on_session_created(event: { session_id: string; channel: string }, sdk: Sdk) { await sdk.send_message(event.session_id, `hello on ${event.channel}`) }',
        'export function on_message_received(event: { message: string; user_id: string }, sdk: Sdk) { sdk.log(`got ${event.message} x${sdk.config.get("TIMES", 1)}`) }',
        'export function on_message_sent(event: { message: string }, sdk: Sdk) { sdk.log(`sent ${event.message}`) }',
        'export const on_turn_complete = (event: { message: string }, sdk: Sdk) => sdk.log(`done ${event.message}`)',
        'export function on_event_received(event: { event_type: string; payload: unknown }, sdk: Sdk) { sdk.log(`event ${event.event_type} ${JSON.stringify(event.payload)}`) }',
        'export function unused(): never { throw new Error("never called") }',
      ].join('\n'),
    }, [{ name: 'TIMES', type: 'number' }])
    const parts = botWith(dir, { TIMES: 2 })
    await start(parts)
    const conversation = await bot!.conversation()
    expect((await conversation.send('a')).texts).toEqual(['hello on webchat', 'echo: a'])
    expect((await conversation.send('b')).texts).toEqual(['echo: b'])
    await bot!.emit('ping', { n: 7 })
    expect(await pluginLogs(bot!, `p${folders}`)).toEqual([
      'info sent hello on webchat', 'info got a x2', 'info sent echo: a', 'info done a',
      'info got b x2', 'info sent echo: b', 'info done b', 'info event ping {"n":7}',
    ])
  })
})
