import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { signHmac } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliCommand, watchProcess } from '../support/cli-process.js'
import { runCli } from '../support/run-cli.js'
import { makeTempDir, useParleyUnderTest } from '../support/temp-project.js'

// Seed 001's createPlugin examples in a bot run by `parley dev`, checked from outside over HTTP.

/** The seed's examples as the runtime's tests run them: one copy, verbatim but for the import path. */
const EXAMPLES = new URL('../../../runtime/test/seed-001/examples.ts', import.meta.url)
const EXAMPLE_FILES = new URL('../../../runtime/test/seed-001/examples', import.meta.url)
const TOKEN = 'c3'.repeat(16)
const SECRET = 'github-webhook-secret'
const temp = makeTempDir()
afterAll(temp.cleanup)

const definition = `import { BotDefinition } from '@parley/sdk'
import { adminPlugin, analyticsPlugin, cleanupPlugin, dataPlugin, githubPlugin, pluginA, pluginB } from './plugins/seed-001.js'
const bot = new BotDefinition({})
for (const plugin of [dataPlugin, analyticsPlugin, cleanupPlugin, pluginA, pluginB, adminPlugin]) bot.addPlugin(plugin, { alias: plugin.name })
bot.addPlugin(githubPlugin, { alias: 'github-integration', configuration: { webhookSecrets: { 'github-events': '${SECRET}' } } })
export default bot
`

function project(): string {
  const dir = join(temp.dir, 'seed-001-bot')
  mkdirSync(join(dir, 'src'), { recursive: true })
  mkdirSync(join(dir, 'plugins'), { recursive: true })
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'seed-001-bot', private: true, type: 'module' }))
  writeFileSync(join(dir, 'bot.definition.ts'), definition)
  writeFileSync(join(dir, 'plugins/seed-001.ts'), readFileSync(EXAMPLES, 'utf8'))
  cpSync(EXAMPLE_FILES, join(dir, 'plugins/examples'), { recursive: true })
  writeFileSync(join(dir, 'src/index.ts'), "import { Bot } from '@parley/sdk'\nexport default new Bot({ actions: {} })\n")
  return dir
}

describe('createPlugin plugins under parley dev', () => {
  it('serve endpoints, webhooks and pages, and hear a conversation end', async () => {
    const dev = watchProcess(cliCommand(['dev', '--port', '0']), { cwd: project(), env: { PARLEY_API_TOKENS: `admin=${TOKEN}`, PARLEY_CONVERSATION_TIMEOUT: '2s' } })
    try {
      const [, url] = await dev.waitFor(/API:\s+(http:\/\/[^/\s]+)/)
      const auth = { authorization: `Bearer ${TOKEN}` }
      const json = { 'content-type': 'application/json' }
      expect((await fetch(`${url}/api/plugins/analytics-plugin/endpoints/stats`)).status).toBe(401)
      const stats = await fetch(`${url}/api/plugins/analytics-plugin/endpoints/stats`, { headers: auth })
      expect(await stats.json()).toEqual({ stats: { userId: 'admin', tracked: 0 } })
      const track = await fetch(`${url}/api/plugins/analytics-plugin/endpoints/track`, { method: 'POST', headers: json, body: '{"name":"signup"}' })
      expect([track.status, await track.json()]).toEqual([201, { tracked: true }])

      const body = JSON.stringify({ ref: 'refs/heads/main' })
      const hook = `${url}/api/plugins/github-integration/webhooks/github-events`
      expect((await fetch(hook, { method: 'POST', headers: { 'x-github-event': 'push', 'x-hub-signature-256': 'sha256=bad' }, body })).status).toBe(401)
      const signature = signHmac({ secret: SECRET, payload: body, prefix: 'sha256=' })
      expect((await fetch(hook, { method: 'POST', headers: { 'x-github-event': 'push', 'x-hub-signature-256': signature }, body })).status).toBe(200)
      await dev.waitFor(/Received GitHub push event/)

      const bot = await (await fetch(`${url}/v1/bots`, { headers: auth })).json() as { bots: { id: string }[] }
      const botId = bot.bots[0]!.id
      const post = (path: string, payload: object) => fetch(`${url}/v1/bots/${botId}${path}`, { method: 'POST', headers: { ...auth, ...json }, body: JSON.stringify(payload) })
      expect((await post('/users', { id: 'u-1' })).ok).toBe(true)
      expect((await post('/conversations', { id: 'c-1' })).ok).toBe(true)
      const sent = await fetch(`${url}/v1/bots/${botId}/messages/incoming`, { method: 'POST', headers: { ...auth, ...json }, body: JSON.stringify({ conversationId: 'c-1', userId: 'u-1', type: 'text', payload: { text: 'hi' } }) })
      expect(sent.status).toBe(201)
      expect((await fetch(`${url}/v1/bots/${botId}/conversations/c-1/end`, { method: 'POST', headers: auth })).status).toBe(200)
      await dev.waitFor(new RegExp(`Conversation ended in app ${botId}`))
      // c-2 is never ended by a call: PARLEY_CONVERSATION_TIMEOUT ends it after two quiet seconds.
      expect((await post('/conversations', { id: 'c-2' })).ok).toBe(true)
      expect((await post('/messages/incoming', { conversationId: 'c-2', userId: 'u-1', type: 'text', payload: { text: 'hi' } })).status).toBe(201)
      await dev.waitFor(new RegExp(`(Conversation ended in app ${botId}[\\s\\S]*){3}`))

      // cleanup-plugin's jobs wait as recurring jobs: 2 AM in New York, and every hour.
      const { jobs } = await (await fetch(`${url}/v1/bots/${botId}/studio/jobs?status=recurring`, { headers: auth })).json() as { jobs: { key: string; runAt: string }[] }
      const daily = jobs.find((job) => job.key.endsWith('cron_daily_cleanup'))
      const hourly = jobs.find((job) => job.key.endsWith('cron_hourly_sync'))
      expect(daily?.runAt).toMatch(/T0[67]:00:00\.000Z$/)
      expect(Date.parse(hourly!.runAt) - Date.now()).toBeLessThanOrEqual(3_600_000)
      // data-plugin's conversation:end (every db call of the seed's) ran for each ended conversation without an error.
      const { logs } = await (await fetch(`${url}/v1/bots/${botId}/studio/logs?level=error`, { headers: auth })).json() as { logs: unknown[] }
      expect(logs).toEqual([])

      const { pages } = await (await fetch(`${url}/v1/bots/${botId}/plugins/pages`, { headers: auth })).json() as { pages: { url: string; title: string }[] }
      expect(pages.map((page) => page.title)).toEqual(['Extension Dashboard'])
      expect(await (await fetch(`${url}${pages[0]!.url}`)).text()).toContain('Extension Dashboard')
    } finally {
      dev.child.kill('SIGTERM')
      await dev.exited
    }
  })
})

describe('a createPlugin plugin in a project', () => {
  const host = join(temp.dir, 'host')
  const greeter = `import { createPlugin } from '@parley/sdk'
export default createPlugin({
  name: 'greeter',
  version: '1.0.0',
  hooks: { 'message:received': async (context) => { await context.api.db.set('last', new Date()) } },
  endpoints: [{ method: 'GET', path: '/hello', handler: async (_req, res) => res.json({ hello: true }) }],
})
`
  beforeAll(async () => {
    expect((await runCli(['init', '--template', 'empty', 'host'], temp.dir)).code).toBe(0)
    useParleyUnderTest(host)
    mkdirSync(join(host, 'plugins', 'greeter'), { recursive: true })
    writeFileSync(join(host, 'plugins', 'greeter', 'index.ts'), greeter)
  })

  it('is added with parley add, typed by parley gen, and passes parley check once the bot adds it', async () => {
    const added = await runCli(['add', './plugins/greeter', '--alias', 'greeter'], host)
    expect(added).toMatchObject({ code: 0, problems: [] })
    expect(added.stdout).toContain('Added plugin "greeter" as "greeter"')
    const types = readFileSync(join(host, '.parley', 'packages', 'greeter', 'types.ts'), 'utf8')
    expect(types).toContain('webhookSecrets')
    const definition = readFileSync(join(host, 'bot.definition.ts'), 'utf8')
    writeFileSync(join(host, 'bot.definition.ts'), definition
      .replace(/^/, "import greeter from './plugins/greeter/index.js'\n")
      .replace(/export default (\w+)/, (line, name: string) => `${name}.addPlugin(greeter, { alias: 'greeter' })\n${line}`))
    expect(await runCli(['gen'], host)).toMatchObject({ code: 0, problems: [] })
    expect(readFileSync(join(host, '.parley', 'types.ts'), 'utf8')).toContain('GreeterPluginEventEvent')
    const check = await runCli(['check'], host)
    expect(check).toMatchObject({ code: 0, problems: [] })
  })
})
