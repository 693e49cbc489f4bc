import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliCommand, watchProcess } from '../support/cli-process.js'
import { REPO_ROOT } from '../support/paths.js'
import { runCli } from '../support/run-cli.js'
import { makeTempDir } from '../support/temp-project.js'

// Seed 000's plugin folder (plugin.json + handler.py, copied from the seed) in a bot run by `parley dev`.

const SEED_000 = join(REPO_ROOT, 'test', 'seeds', 'fixtures', 'seed-000')
const MESSAGE_LOGGER = join(SEED_000, 'message_logger')
const TOKEN = 'c3'.repeat(16)
const temp = makeTempDir()
afterAll(temp.cleanup)

const definition = `import { BotDefinition, manifestPlugin } from '@parley/sdk'

const bot = new BotDefinition({})
bot.addPlugin(manifestPlugin('./plugins/message_logger'), {
  configuration: { WEBHOOK_URL: process.env['WEBHOOK_URL'] ?? '', MIN_COUNT: 5 },
})
bot.addPlugin(manifestPlugin('./plugins/message_logger'), { alias: 'quiet_logger' })
bot.addPlugin(manifestPlugin('./plugins/my_plugin'), { configuration: { CONFIG_KEY: 'set' } })
bot.addPlugin(manifestPlugin('./plugins/config_example'), { configuration: { MIN_COUNT: 7 } })
export default bot
`

function botProject(name: string): string {
  const dir = join(temp.dir, name)
  mkdirSync(join(dir, 'src'), { recursive: true })
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }))
  writeFileSync(join(dir, 'bot.definition.ts'), "import { BotDefinition } from '@parley/sdk'\nexport default new BotDefinition({})\n")
  writeFileSync(join(dir, 'src/index.ts'), "import { Bot } from '@parley/sdk'\nexport default new Bot({ actions: {} })\n")
  for (const folder of ['message_logger', 'my_plugin', 'config_example']) cpSync(join(SEED_000, folder), join(dir, 'plugins', folder), { recursive: true })
  return dir
}

/** The local webhook receiver the seed's WEBHOOK_URL points at; resolves each body as it arrives. */
function receiver() {
  const bodies: unknown[] = []
  let arrived: (() => void) | undefined
  const server = createServer((request, response) => {
    let text = ''
    request.on('data', (chunk) => { text += chunk })
    request.on('end', () => {
      bodies.push(JSON.parse(text))
      response.end('ok')
      arrived?.()
    })
  })
  const listening = new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}/notify`)))
  return { bodies, listening, next: () => new Promise<void>((resolve) => { arrived = resolve }), close: () => server.close() }
}

async function api(url: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
  expect(response.status, await response.clone().text()).toBeLessThan(300)
  return (await response.json()) as Record<string, unknown>
}

describe('a seed 000 plugin folder in a bot', () => {
  let dir: string
  beforeAll(() => { dir = botProject('logger-bot') })

  it('is added with parley add, which records it and generates its typed configuration', async () => {
    const result = await runCli(['add', './plugins/message_logger'], dir)
    expect(result.problems).toEqual([])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Added plugin "message_logger" as "message_logger"')
    expect(result.stdout).toContain("bot.addPlugin(manifestPlugin('./plugins/message_logger'), { alias: 'message_logger' })")
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).parleyDependencies).toEqual({ message_logger: 'file:./plugins/message_logger' })
    const types = readFileSync(join(dir, '.parley', 'packages', 'message_logger', 'types.ts'), 'utf8')
    expect(types).toMatch(/WEBHOOK_URL\?: string/)
    expect(types).toMatch(/MIN_COUNT\?: number/)
  })

  it('is a project of its own to parley gen, which reads plugin.json instead of asking for a definition file', async () => {
    const plugin = join(temp.dir, 'standalone')
    cpSync(MESSAGE_LOGGER, plugin, { recursive: true })
    const result = await runCli(['gen'], plugin)
    expect(result.problems).toEqual([])
    expect(existsSync(join(plugin, '.parley', 'index.ts'))).toBe(true)
    writeFileSync(join(plugin, 'plugin.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(MESSAGE_LOGGER, 'plugin.json'), 'utf8')), events: ['message_received', 'turn_completed'] }))
    const bad = await runCli(['gen'], plugin)
    expect(bad.code).toBe(1)
    expect(bad.problems.join('\n')).toContain('plugin.json is invalid: events[1]: "turn_completed" is not an event Parley knows; use one of message_received, message_sent, turn_complete, session_created, event_received')
  })

  it('runs the seed\'s folders under parley dev: each message is logged, turn_complete posts to the webhook, or warns without one', async () => {
    writeFileSync(join(dir, 'bot.definition.ts'), definition)
    const hook = receiver()
    const dev = watchProcess(cliCommand(['dev', '--port', '0']), { cwd: dir, env: { WEBHOOK_URL: await hook.listening, PARLEY_API_TOKENS: `admin=${TOKEN}` } })
    try {
      const [, url] = await dev.waitFor(/API:\s+(http:\/\/[^/\s]+)\/v1\/bots\/(\S+)/)
      const [, , botId] = dev.output().match(/API:\s+(http:\/\/[^/\s]+)\/v1\/bots\/(\S+)/)!
      const base = `/v1/bots/${botId}`
      await api(url!, 'POST', `${base}/users`, { id: 'ada' })
      await api(url!, 'POST', `${base}/conversations`, { id: 'first' })
      const posted = hook.next()
      await api(url!, 'POST', `${base}/messages/incoming`, { userId: 'ada', conversationId: 'first', type: 'text', payload: { text: 'hello from outside' } })
      await posted
      expect(hook.bodies).toEqual([{ session_id: 'first', event: 'turn_complete' }])
      await dev.waitFor(/Turn complete notification sent for session first/)
      expect(dev.output()).toContain('[info] message_logger: Received: session=first, message=hello from outside')
      expect(dev.output()).toContain('[info] message_logger: Turn complete notification sent for session first')
      await dev.waitFor(/Turn complete for session first/)
      expect(dev.output()).toContain('[warn] quiet_logger: Skipped: no WEBHOOK_URL configured')
      expect(dev.output()).toContain('[info] my_plugin: Received message from session first: hello from outside')
      expect(dev.output()).toContain('[info] my_plugin: Turn complete for session first')
      const logs = await api(url!, 'GET', `${base}/studio/logs?level=error`)
      expect(logs).toMatchObject({ logs: [] })
    } finally {
      dev.child.kill('SIGTERM')
      hook.close()
    }
    expect(await dev.exited).toBe(0)
  })
})
