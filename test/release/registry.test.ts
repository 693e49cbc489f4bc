import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ask, callAction, untilHealthy, type ServedBot } from './support/bot-http.js'
import { freePort, run, startService } from './support/processes.js'
import { createDatabase } from './support/postgres.js'
import { expectOk, publishParley, type PublishedParley } from './support/published-parley.js'
import { runWorkflow } from './support/workflow.js'
import { readJson, REPO_ROOT, type PackageJson } from './support/workspaces.js'

// Parley as a user outside this repository gets it: every package published to a real npm registry
// (Verdaccio, on this machine, fetching every other package from the registry npm is configured with),
// then projects made with `npm create parley` in an empty folder, installed, checked and tested by their
// own CI workflow, and run with `parley dev` and with `parley build` + `parley start` on PostgreSQL.

let dir: string
let parley: PublishedParley
/** The output of `npm create parley` for the bot project, awaited by the test that checks it. */
let botCreated: Promise<string>
/** The plugin project's way to the registry, awaited by the test that checks it. */
let pluginPublished: Promise<PluginPublication>

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parley-registry-'))
  parley = await publishParley(dir)
  botCreated = started(npm(workspace('bot'), 'create', 'parley', '--yes', 'my-bot'))
  // The plugin needs nothing of the bot, so it is made and published while the bot is checked and run.
  // It starts once the bot's `npm create` has ended, whatever its outcome: npm then finds the initializer
  // in npx's cache and the packages' documents in its own, rather than two installs fetching them at
  // once and meeting in npx's cache.
  pluginPublished = started(botCreated.catch(() => undefined).then(publishPlugin))
})

afterAll(async () => {
  await pluginPublished?.catch(() => undefined)
  await parley?.registry.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Work started ahead of the test that awaits it: until then its failure is that test's, not an unhandled rejection. */
function started<T>(work: Promise<T>): Promise<T> {
  work.catch(() => undefined)
  return work
}

/** A folder outside the repository, as a new user's would be. */
function workspace(name: string): string {
  const path = join(dir, 'work', name)
  mkdirSync(path, { recursive: true })
  return path
}

const npm = (cwd: string, ...args: string[]) => expectOk(run('npm', args, { cwd, env: parley.env }), parley.registry)
const npx = (cwd: string, ...args: string[]) => expectOk(run('npx', args, { cwd, env: parley.env }), parley.registry)

/**
 * The project's own `parley`, as `npx parley` finds it; run directly so that stopping it stops the
 * server itself, not an npx that may not pass the signal on.
 */
const parleyBin = (project: string): string => join(project, 'node_modules', '.bin', 'parley')

/** `parley dev` in the project, on a free port with a known token; stopped after `use`. */
async function withDev<T>(project: string, use: (bot: ServedBot) => Promise<T>): Promise<T> {
  const port = await freePort()
  const bot = { url: `http://127.0.0.1:${port}`, token: randomBytes(16).toString('hex') }
  const service = startService(parleyBin(project), ['dev', '--port', String(port)], { cwd: project, env: { ...parley.env, PARLEY_API_TOKENS: `admin=${bot.token}` } })
  try {
    await untilHealthy(bot, service)
    return await use(bot)
  } finally {
    await service.stop()
  }
}

/** `parley build`, then `parley start` on a database of its own on the PostgreSQL server; stopped after `use`. */
async function withStart<T>(project: string, use: (bot: ServedBot) => Promise<T>): Promise<T> {
  await npx(project, 'parley', 'build')
  const database = await createDatabase('parley_release')
  const port = await freePort()
  const bot = { url: `http://127.0.0.1:${port}`, token: randomBytes(16).toString('hex') }
  const env = { ...parley.env, DATABASE_URL: database.url, PORT: String(port), HOST: '127.0.0.1', PARLEY_API_TOKENS: `admin=${bot.token}`, PARLEY_WEBCHAT_SECRET: randomBytes(32).toString('hex') }
  const service = startService(parleyBin(project), ['start'], { cwd: project, env })
  try {
    await untilHealthy(bot, service)
    return await use(bot)
  } finally {
    await service.stop()
    await database.drop()
  }
}

/** What the plugin's author sees on the way to the registry: its check, its tests, its publication. */
interface PluginPublication {
  readonly check: string
  readonly tests: string
  readonly publish: string
}

/** Creates a plugin from the template, names it `@acme/counter`, checks it, tests it and publishes it. */
async function publishPlugin(): Promise<PluginPublication> {
  const work = workspace('plugin')
  await npm(work, 'create', 'parley', '--yes', 'counter', '--', '--type', 'plugin')
  const plugin = join(work, 'counter')
  await npm(plugin, 'pkg', 'set', 'name=@acme/counter')
  const check = await npx(plugin, 'parley', 'check')
  const tests = await npm(plugin, 'test')
  return { check, tests, publish: await npm(plugin, 'publish') }
}

/** The bot project every test below works on, in order: made, checked, run, then given a plugin. */
let project: string

describe('a bot made with npm create parley, from the registry', { timeout: 900_000 }, () => {
  it('is created, installed and generated by npm create parley in an empty folder', async () => {
    const output = await botCreated
    project = join(workspace('bot'), 'my-bot')
    expect(output).toContain('Next: cd my-bot && npm test')
    const json = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
    expect(json.devDependencies['@parley/cli']).toBe(readJson<PackageJson>(join(REPO_ROOT, 'packages', 'cli', 'package.json')).version)
    expect(existsSync(join(project, '.parley', 'index.ts')), '.parley/ generated once installed').toBe(true)
  })

  it('passes its own CI workflow: clean install, parley check, its tests', async () => {
    const result = await runWorkflow(project, parley.env)
    expect(result.code, result.output).toBe(0)
    expect(result.output).toMatch(/npm ci/)
    expect(result.output).toMatch(/up to date and the project type-checks/)
    expect(result.output).toMatch(/Tests\s+2 passed/)
  })

  it('answers a message over HTTP under parley dev', async () => {
    const texts = await withDev(project, (bot) => ask(bot, 'Ada'))
    expect(texts).toEqual(['Hello, Ada! (visit 1)'])
  })

  it('answers a message over HTTP under parley build + parley start, on PostgreSQL', async () => {
    const texts = await withStart(project, async (bot) => [...(await ask(bot, 'Ada')), ...(await ask(bot, 'Ada'))])
    expect(texts).toEqual(['Hello, Ada! (visit 1)', 'Hello, Ada! (visit 2)'])
  })
})

describe('a plugin published to the registry and added to that bot with parley add <package>@<range>', { timeout: 900_000 }, () => {
  it('is created from the plugin template, checks, passes its tests, and publishes', async () => {
    const { check, tests, publish } = await pluginPublished
    expect(check).toContain('type-checks')
    expect(tests).toMatch(/Tests\s+1 passed/)
    expect(publish).toContain('@acme/counter@0.1.0')
  })

  it('installs into the bot with parley add @acme/counter@^0.1.0, which generates its types', async () => {
    const added = await npx(project, 'parley', 'add', '@acme/counter@^0.1.0')
    expect(added).toContain('Added plugin "counter" as "counter"')
    const json = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; parleyDependencies: Record<string, string> }
    expect(json.dependencies['@acme/counter']).toBe('^0.1.0')
    expect(json.parleyDependencies).toEqual({ counter: '@acme/counter' })
    writeFileSync(join(project, 'bot.definition.ts'), addCounter(readFileSync(join(project, 'bot.definition.ts'), 'utf8')))
    await npx(project, 'parley', 'gen')
    expect(await npx(project, 'parley', 'check')).toContain('type-checks')
  })

  it('runs the plugin in the bot under parley dev', async () => {
    const counted = await withDev(project, async (served) => {
      await ask(served, 'Ada', { userId: 'ada', conversationId: 'c1' })
      await ask(served, 'Ada', { userId: 'ada', conversationId: 'c1' })
      return callAction(served, 'counter:countMessages', { conversationId: 'c1' })
    })
    expect(counted).toEqual({ messages: 2 })
  })

  it('runs the plugin in the built bot under parley start, on PostgreSQL', async () => {
    const { texts, counted } = await withStart(project, async (served) => {
      const texts = await ask(served, 'Grace', { userId: 'grace', conversationId: 'c2' })
      return { texts, counted: await callAction(served, 'counter:countMessages', { conversationId: 'c2' }) }
    })
    expect(texts).toEqual(['Hello, Grace! (visit 1)'])
    expect(counted).toEqual({ messages: 1 })
  })
})

/** The hello-world bot's definition with the published plugin added, as its README tells a user to. */
function addCounter(definition: string): string {
  return `import counter from '@acme/counter'\n${definition.replace('export default bot', "bot.addPlugin(counter, { alias: 'counter', configuration: { milestone: 2 } })\n\nexport default bot")}`
}
