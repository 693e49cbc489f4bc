import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.js'
import { cliCommand, watchProcess, type WatchedProcess } from '../support/cli-process.js'
import { CONDITIONS } from '../support/built.js'
import { makeTempDir } from '../support/temp-project.js'

// `parley dev` and `parley start` as processes, the way a person or a process supervisor runs them.

const CHROMIUM = process.env['PARLEY_CHROMIUM'] ?? '/usr/bin/chromium'
const TOKENS = `admin=${'a1'.repeat(16)}`

const implementation = `import { Bot } from '@parley/sdk'
const bot = new Bot({ actions: {} })
bot.on.message('text', async ({ message, client }) => {
  if (message.payload.text === 'fail') throw new Error('the handler broke')
  await client.createMessage({ conversationId: message.conversationId, userId: message.userId, type: 'text', payload: { text: 'echo: ' + message.payload.text } })
})
export default bot
`
const THROW_AT = `src/index.ts:4:${implementation.split('\n')[3]!.indexOf('throw') + 7}`

const temp = makeTempDir()
afterAll(temp.cleanup)

/** A bot project in the temporary directory, whose `node_modules` is the repository's. */
function botProject(name: string): string {
  const dir = join(temp.dir, name)
  mkdirSync(join(dir, 'src'), { recursive: true })
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }))
  writeFileSync(join(dir, 'bot.definition.ts'), "import { BotDefinition } from '@parley/sdk'\nexport default new BotDefinition({})\n")
  writeFileSync(join(dir, 'src/index.ts'), implementation)
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, skipLibCheck: true, noEmit: true, customConditions: CONDITIONS, types: ['node'] },
    include: ['*.ts', 'src'],
  }))
  return dir
}

/** `parley <args>` run by a parent process through `sh -c`, as `npx parley …` runs it. */
function underParent(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): WatchedProcess {
  // `; exit $?` keeps the shell between the two, waiting, as npx's shell does.
  const shell = `${cliCommand(args).join(' ')}; exit $?`
  const parent = `require('node:child_process').spawn('sh', ['-c', ${JSON.stringify(shell)}], { stdio: 'inherit' }); setInterval(() => {}, 60000)`
  return watchProcess([process.execPath, '-e', parent], { cwd, env })
}

let builtOnce: Promise<string> | undefined

/** A copy of one project `parley build` made: building is the same work each time, so it is done once. */
async function builtProject(name: string): Promise<string> {
  const built = await (builtOnce ??= (async () => {
    const dir = botProject('built-bot')
    expect(await runCli(['build'], dir)).toMatchObject({ code: 0 })
    return dir
  })())
  const copy = join(temp.dir, name)
  cpSync(built, copy, { recursive: true })
  return copy
}

async function refused(url: string): Promise<boolean> {
  return fetch(`${url}/health`).then(() => false, () => true)
}

describe('parley dev', () => {
  it('shows a failed turn on the chat page and logs the line of the handler that threw', async () => {
    const dev = watchProcess(cliCommand(['dev', '--port', '0']), { cwd: botProject('failing-bot') })
    const [, chatUrl] = await dev.waitFor(/Chat:\s+(\S+)/)
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] })
    try {
      const page = await browser.newPage()
      page.setDefaultTimeout(120_000)
      await page.goto(chatUrl!)
      await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor()
      await page.getByLabel('Your message').fill('fail')
      await page.getByLabel('Your message').press('Enter')
      await page.getByRole('alert').waitFor()
      expect(await page.getByRole('alert').textContent()).toBe(`on.message('text') of the bot failed: the handler broke (at ${THROW_AT})`)
    } finally {
      await browser.close()
    }
    await dev.waitFor(/\[error\] bot: .*failed: the handler broke/)
    expect(dev.output()).toContain(`[error] bot: on.message('text') of the bot failed: the handler broke (at ${THROW_AT})`)
    dev.child.kill('SIGTERM')
    expect(await dev.exited).toBe(0)
  })
})

describe('bad configuration', () => {
  let built: string
  beforeAll(async () => {
    built = await builtProject('start-bad-tokens')
  })

  it.each([['start'], ['dev']])('parley %s exits 1 at once on invalid PARLEY_API_TOKENS or PARLEY_PUBLIC_URL, before opening the database', async (command) => {
    const dir = command === 'start' ? built : botProject('dev-bad-tokens')
    for (const tokens of ['admin=short', 'nobody=0123456789abcdef0123', 'admin']) {
      const run = watchProcess(cliCommand([command]), { cwd: dir, env: { PARLEY_API_TOKENS: tokens, PORT: '0' } })
      expect(await run.exited).toBe(1)
      expect(run.output()).toMatch(/^error: API token entry 1 /m)
    }
    const badAddress = watchProcess(cliCommand([command]), { cwd: dir, env: { PARLEY_PUBLIC_URL: 'bots.example.com', PORT: '0' } })
    expect(await badAddress.exited).toBe(1)
    expect(badAddress.output()).toMatch(/^error: PARLEY_PUBLIC_URL "bots.example.com" is not an absolute http\(s\) URL/m)
    expect(existsSync(join(dir, '.parley-data', 'db'))).toBe(false)
  })
})

describe('no server outlives the process that started it', () => {
  let built: string
  beforeAll(async () => {
    built = await builtProject('served-bot')
  })

  const cases = (['start', 'dev'] as const).flatMap((command) => (['SIGTERM', 'SIGINT', 'SIGKILL'] as const).map((signal) => [command, signal] as const))
  it.each(cases)('parley %s stops when its parent gets %s', async (command, signal) => {
    // Runs follow each other: the built project's embedded database is free again when the next starts.
    const dir = command === 'start' ? built : botProject(`dev-${signal}`)
    const env = { PARLEY_API_TOKENS: TOKENS, PARLEY_WEBCHAT_SECRET: 'b2'.repeat(32), PORT: '0' }
    const parent = underParent(command === 'dev' ? ['dev'] : ['start'], dir, env)
    const [, url] = await parent.waitFor(command === 'dev' ? /API:\s+(http:\/\/[^/\s]+)/ : /at (http:\/\/[^/\s]+)\/v1\//)
    expect(await refused(url!)).toBe(false)
    parent.child.kill(signal)
    // The output pipe closes once the parent, the shell and parley have all ended.
    await parent.closed
    expect(await refused(url!)).toBe(true)
  })
})
