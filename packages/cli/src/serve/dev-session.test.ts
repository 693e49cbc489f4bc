import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PassThrough } from 'node:stream'
import type { Message } from '@parley/sdk'
import { openWebchat } from '@parley/runtime/http-client'
import { afterEach, describe, expect, it } from 'vitest'
import { runTerminalChat } from '../chat/terminal-chat.js'
import { startDevSession, type DevSession } from './dev-session.js'

// A real bot project on disk, run the way `parley dev` runs it, reloaded by editing its files. Each
// test has a project of its own, and waits on what the session reports, never on the clock.

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

interface DevProject {
  readonly dir: string
  session: DevSession
  /** The outcome of the next reload: `undefined`, or the error that kept the old code running. */
  nextReload(): Promise<unknown>
  restart(): Promise<void>
}

const projects: DevProject[] = []

afterEach(async () => {
  for (const project of projects.splice(0)) {
    await project.session.close()
    rmSync(project.dir, { recursive: true, force: true })
  }
})

async function devProject(): Promise<DevProject> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-dev-'))
  mkdirSync(join(dir, 'src'), { recursive: true })
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@acme/echo-bot', private: true, type: 'module' }))
  writeFileSync(join(dir, 'bot.definition.ts'), definition)
  writeFileSync(join(dir, 'src/index.ts'), implementation('echo'))
  symlinkSync(REPO_MODULES, join(dir, 'node_modules'), 'dir')
  const reloads = events<unknown>()
  const start = () => startDevSession({ dir, port: 0, hostname: '127.0.0.1', env: {}, out: quiet, onReload: reloads.push })
  const project: DevProject = {
    dir, session: await start(), nextReload: reloads.next,
    restart: async () => {
      await project.session.close()
      project.session = await start()
    },
  }
  projects.push(project)
  return project
}

/** Values pushed by a callback, taken in order by whoever waits for them. */
function events<T>(): { push: (value: T) => void; next: () => Promise<T> } {
  const values: T[] = []
  const waiting: ((value: T) => void)[] = []
  return {
    push: (value) => (waiting.length > 0 ? waiting.shift()!(value) : void values.push(value)),
    next: () => (values.length > 0 ? Promise.resolve(values.shift()!) : new Promise((resolve) => waiting.push(resolve))),
  }
}

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

/** Everything written to a stream, and a promise for the moment it contains some text. */
function captured(stream: PassThrough): { text: () => string; contains: (text: string) => Promise<void> } {
  let printed = ''
  const waiting: { text: string; resolve: () => void }[] = []
  stream.on('data', (chunk: Buffer) => {
    printed += chunk.toString()
    for (const wait of waiting.filter((w) => printed.includes(w.text))) {
      waiting.splice(waiting.indexOf(wait), 1)
      wait.resolve()
    }
  })
  return {
    text: () => printed,
    contains: (text) => (printed.includes(text) ? Promise.resolve() : new Promise((resolve) => waiting.push({ text, resolve }))),
  }
}

describe('parley dev', () => {
  it('serves the bot under its package name, with its chat page and an API token', async () => {
    const { session } = await devProject()
    expect(session.botId).toBe('echo-bot')
    expect((await fetch(session.chatUrl)).status).toBe(200)
    const bots = await fetch(`${session.url}/v1/bots`, { headers: { authorization: `Bearer ${session.token}` } })
    expect(await bots.json()).toEqual({ bots: [{ id: 'echo-bot' }] })
    expect(session.studioUrl).toBe(`${session.url}/studio/`)
    const login = await fetch(`${session.url}/v1/studio/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: session.token }) })
    expect(await login.json()).toEqual({ scope: 'admin' })
  })

  it('reloads changed code, keeping the data and the conversation', async () => {
    const project = await devProject()
    const chat = await openWebchat({ url: project.session.url, botId: 'echo-bot' })
    expect(await ask(chat, 'one')).toBe('echo: one')
    writeFileSync(join(project.dir, 'src/index.ts'), implementation('v2'))
    expect(await project.nextReload()).toBeUndefined()
    expect(await ask(chat, 'two')).toBe('v2: two')
    expect((await chat.messages()).map((m) => (m.payload as { text: string }).text)).toEqual(['one', 'echo: one', 'two', 'v2: two'])
  })

  it('keeps the running code when the new code fails to load, and says why', async () => {
    const project = await devProject()
    writeFileSync(join(project.dir, 'src/index.ts'), 'export default 42\n')
    expect(String(await project.nextReload())).toContain('src/index.ts must export')
    const chat = await openWebchat({ url: project.session.url, botId: 'echo-bot' })
    expect(await ask(chat, 'still')).toBe('echo: still')
    writeFileSync(join(project.dir, 'src/index.ts'), implementation('v3'))
    expect(await project.nextReload()).toBeUndefined()
    expect(await ask(chat, 'again')).toBe('v3: again')
  })

  it('talks with the bot from the terminal, printing piped lines as a transcript', async () => {
    const { session } = await devProject()
    const input = new PassThrough()
    const output = new PassThrough()
    const printed = captured(output)
    const done = runTerminalChat({ url: session.url, botId: session.botId, input, output })
    await printed.contains('Chatting with echo-bot')
    input.write('hello\n')
    await printed.contains('echo-bot> echo: hello')
    input.end('bye\n')
    await done
    expect(printed.text()).not.toContain('you> you>')
    expect(printed.text().split('\n').filter((line) => /^(you|echo-bot)>/.test(line))).toEqual(['you> hello', 'echo-bot> echo: hello', 'you> bye', 'echo-bot> echo: bye'])
  })

  it('finds the same data and sessions after a restart', async () => {
    const project = await devProject()
    const chat = await openWebchat({ url: project.session.url, botId: 'echo-bot' })
    await ask(chat, 'before')
    await project.restart()
    const resumed = await openWebchat({ url: project.session.url, botId: 'echo-bot', userKey: chat.session.userKey })
    expect(resumed.session.conversation.id).toBe(chat.session.conversation.id)
    expect((await resumed.messages()).map((m) => (m.payload as { text: string }).text)).toEqual(['before', 'echo: before'])
  })
})
