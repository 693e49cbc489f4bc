import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PassThrough } from 'node:stream'
import type { Message } from '@parley/sdk'
import { openWebchat } from '@parley/runtime/http-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runTerminalChat } from '../chat/terminal-chat.js'
import { startDevSession, type DevSession } from './dev-session.js'

// A real bot project on disk, run the way `parley dev` runs it, reloaded by editing its files.

const REPO_MODULES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../node_modules')
const quiet = { info: () => {}, error: () => {} }

const definition = `import { BotDefinition } from '@parley/sdk'
export default new BotDefinition({})
`
const implementation = (prefix: string) => `import { Bot } from '@parley/sdk'
const bot = new Bot({ actions: {} })
bot.on.message('text', async ({ message, client }) => {
  await client.createMessage({ conversationId: message.conversationId, userId: message.userId, type: 'text', payload: { text: '${prefix}: ' + message.payload.text } })
})
export default bot
`

let dir: string
let session: DevSession | undefined
const reloads: (unknown | undefined)[] = []

function writeProject(): void {
  mkdirSync(join(dir, 'src'), { recursive: true })
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@acme/echo-bot', private: true, type: 'module' }))
  writeFileSync(join(dir, 'bot.definition.ts'), definition)
  writeFileSync(join(dir, 'src/index.ts'), implementation('echo'))
  symlinkSync(REPO_MODULES, join(dir, 'node_modules'), 'dir')
}

const start = () => startDevSession({ dir, port: 0, hostname: '127.0.0.1', env: {}, out: quiet, onReload: (error) => reloads.push(error) })

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-dev-'))
  writeProject()
  session = await start()
}, 120_000)

afterAll(async () => {
  await session?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Sends a text and resolves with the bot's reply, from the stream. */
async function ask(chat: Awaited<ReturnType<typeof openWebchat>>, text: string): Promise<string> {
  let reply = (_message: Message) => {}
  const replied = new Promise<Message>((resolve) => (reply = resolve))
  const subscription = await chat.subscribe((message) => reply(message))
  await chat.send({ type: 'text', payload: { text } })
  const message = await replied
  subscription.close()
  return (message.payload as { text: string }).text
}

async function reloaded(count: number): Promise<unknown> {
  await expect.poll(() => reloads.length, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(count)
  return reloads[count - 1]
}

describe('parley dev', { timeout: 30_000 }, () => {
  it('serves the bot under its package name, with its chat page and an API token', async () => {
    expect(session!.botId).toBe('echo-bot')
    expect((await fetch(session!.chatUrl)).status).toBe(200)
    const bots = await fetch(`${session!.url}/v1/bots`, { headers: { authorization: `Bearer ${session!.token}` } })
    expect(await bots.json()).toEqual({ bots: [{ id: 'echo-bot' }] })
  })

  it('reloads changed code, keeping the data and the conversation', { timeout: 120_000 }, async () => {
    const chat = await openWebchat({ url: session!.url, botId: 'echo-bot' })
    expect(await ask(chat, 'one')).toBe('echo: one')
    writeFileSync(join(dir, 'src/index.ts'), implementation('v2'))
    expect(await reloaded(1)).toBeUndefined()
    expect(await ask(chat, 'two')).toBe('v2: two')
    expect((await chat.messages()).map((m) => (m.payload as { text: string }).text)).toEqual(['one', 'echo: one', 'two', 'v2: two'])
  })

  it('keeps the running code when the new code fails to load, and says why', { timeout: 120_000 }, async () => {
    writeFileSync(join(dir, 'src/index.ts'), 'export default 42\n')
    expect(String(await reloaded(2))).toContain('src/index.ts must export')
    const chat = await openWebchat({ url: session!.url, botId: 'echo-bot' })
    expect(await ask(chat, 'still')).toBe('v2: still')
    writeFileSync(join(dir, 'src/index.ts'), implementation('v3'))
    expect(await reloaded(3)).toBeUndefined()
  })

  it('talks with the bot from the terminal', { timeout: 60_000 }, async () => {
    const input = new PassThrough()
    const output = new PassThrough()
    let printed = ''
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()))
    const done = runTerminalChat({ url: session!.url, botId: session!.botId, input, output })
    await expect.poll(() => printed, { timeout: 30_000 }).toContain('Chatting with echo-bot')
    input.write('hello\n')
    await expect.poll(() => printed, { timeout: 30_000 }).toContain('echo-bot> v3: hello')
    input.end()
    await done
  })

  it('finds the same data and sessions after a restart', { timeout: 120_000 }, async () => {
    const chat = await openWebchat({ url: session!.url, botId: 'echo-bot' })
    await ask(chat, 'before')
    await session!.close()
    session = await start()
    const resumed = await openWebchat({ url: session.url, botId: 'echo-bot', userKey: chat.session.userKey })
    expect(resumed.session.conversation.id).toBe(chat.session.conversation.id)
    expect((await resumed.messages()).map((m) => (m.payload as { text: string }).text)).toEqual(['before', 'v3: before'])
  })
})
