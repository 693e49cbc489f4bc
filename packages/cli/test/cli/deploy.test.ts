import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase } from '@parley/runtime'
import { afterAll, describe, expect, it } from 'vitest'
import { cliCommand, watchProcess, type WatchedProcess } from '../support/cli-process.js'
import { runCli } from '../support/run-cli.js'
import { makeTempDir } from '../support/temp-project.js'

// `parley serve` as a process, `parley deploy` and `parley bots list` as a person runs them against it,
// on the embedded database and on PostgreSQL. Nothing here waits on the clock: the load runs until the
// swap is over, then each conversation sends one more message, which the new version must answer.

const TOKEN = 'c3'.repeat(16)
const SERVER = process.env['PARLEY_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test'
/** Bytes an upload may have: the bots here are a few kilobytes; the oversized one is over it. */
const LIMIT = 200_000
const CONVERSATIONS = 4

const temp = makeTempDir()
afterAll(temp.cleanup)

const definition = (countSchema: string) => `import { BotDefinition, z } from '@parley/sdk'
export default new BotDefinition({
  states: { counter: { type: 'user', schema: z.object({ count: ${countSchema} }) } },
})
`

/** Replies "<version>: <text>", after counting the user's messages in a state (as a number, or as text). */
const implementation = (version: string, { padding = '', countAs = 'Number' } = {}) => `import { Bot } from '@parley/sdk'
const bot = new Bot({ actions: {} })
const PADDING = ${JSON.stringify(padding)}
bot.on.message('text', async ({ message, client }) => {
  const key = { type: 'user' as const, id: message.userId, name: 'counter' }
  const state = await client.getOrSetState({ ...key, payload: { count: ${countAs}(0) } })
  await client.setState({ ...key, payload: { count: ${countAs}(Number(state.state.payload.count) + 1) } })
  await client.createMessage({ conversationId: message.conversationId, userId: message.userId, type: 'text', payload: { text: '${version}: ' + message.payload.text + PADDING.slice(0, 0) } })
})
export default bot
`

/** The bot "greeter" (its package name without the scope), in a directory of its own. */
function botProject(directory: string): string {
  const dir = join(temp.dir, directory)
  mkdirSync(join(dir, 'src'), { recursive: true })
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@acme/greeter', private: true, type: 'module' }))
  writeFileSync(join(dir, 'bot.definition.ts'), definition('z.number()'))
  writeFileSync(join(dir, 'src/index.ts'), implementation('v1'))
  return dir
}

interface Served {
  readonly url: string
  readonly process: WatchedProcess
}

async function startServe(dataDir: string, databaseUrl: string | undefined): Promise<Served> {
  const env = { PORT: '0', HOST: '127.0.0.1', PARLEY_API_TOKENS: `admin=${TOKEN}`, PARLEY_KEEP_VERSIONS: '2', PARLEY_DEPLOY_LIMIT: String(LIMIT), ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }
  const served = watchProcess(cliCommand(['serve', '--data', dataDir]), { cwd: temp.dir, env })
  const [, url] = await served.waitFor(/Parley serve at (http:\/\/\S+):/)
  return { url: url!, process: served }
}

async function stopServe(served: Served): Promise<void> {
  served.process.child.kill('SIGTERM')
  expect(await served.process.exited).toBe(0)
}

async function api<T>(url: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${url}${path}`, {
    method, headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: response.status, body: (await response.json()) as T }
}

interface ListedMessage {
  readonly direction: string
  readonly payload: { readonly text?: string }
}

/** Every message of a conversation, oldest first. */
async function transcript(url: string, conversationId: string): Promise<ListedMessage[]> {
  const all: ListedMessage[] = []
  for (let offset = 0; ; offset += 1000) {
    const { body } = await api<{ messages: ListedMessage[] }>(url, 'GET', `/v1/bots/greeter/conversations/${conversationId}/messages?limit=1000&offset=${offset}`)
    all.push(...body.messages)
    if (body.messages.length < 1000) return all
  }
}

/** One conversation sending messages one after another until `done()`, then one more. Counts what failed. */
async function converse(url: string, conversationId: string, done: () => boolean): Promise<{ sent: number; failed: string[] }> {
  const failed: string[] = []
  await api(url, 'POST', '/v1/bots/greeter/users', { id: `user-${conversationId}` })
  await api(url, 'POST', '/v1/bots/greeter/conversations', { id: conversationId })
  let sent = 0
  for (let last = false; !last;) {
    last = done()
    sent += 1
    const answer = await api<unknown>(url, 'POST', '/v1/bots/greeter/messages/incoming', { conversationId, userId: `user-${conversationId}`, type: 'text', payload: { text: `m${sent}` } })
      .catch((error: unknown) => ({ status: 0, body: String(error) }))
    if (answer.status !== 201) failed.push(`m${sent}: ${answer.status} ${JSON.stringify(answer.body)}`)
  }
  return { sent, failed }
}

function deployArgs(url: string, ...more: string[]): string[] {
  return ['deploy', '--url', url, '--token', TOKEN, '--no-check', ...more]
}

const databases: [string, boolean][] = [['the embedded database', false], ...(process.env['PARLEY_SKIP_POSTGRES'] === '1' ? [] : [['PostgreSQL', true] as [string, boolean]])]

describe.each(databases)('parley deploy to parley serve on %s', (_name, onServer) => {
  let dropDatabase = async () => {}
  afterAll(() => dropDatabase())

  it('swaps versions under load with no failed request, rolls back, refuses incompatible data and oversized uploads', async () => {
    const project = botProject(`greeter-${onServer ? 'pg' : 'embedded'}`)
    const databaseUrl = onServer ? await createDatabase() : undefined
    const dataDir = join(temp.dir, `data-${onServer ? 'pg' : 'embedded'}`)
    let served = await startServe(dataDir, databaseUrl)

    const first = await runCli(deployArgs(served.url), project)
    expect(first.stdout).toContain(`Deployed bot "greeter" version 1 to ${served.url}`)
    // Code that does not load is refused, not kept, and the version served goes on.
    const broken = await api<{ error: { code: string; message: string } }>(served.url, 'POST', '/v1/deployments/greeter', { bundle: 'export default 1', definition: 'throw new Error("broken on purpose")' })
    expect(broken).toMatchObject({ status: 400, body: { error: { code: 'DEPLOYMENT_INVALID', message: expect.stringContaining('broken on purpose') } } })

    // A load of conversations runs while version 2 is uploaded, loaded and swapped in; each sends once
    // more after the swap. It starts once the bundle is made: before, the server has nothing to do with the
    // deployment, and a load running all along only took the CPU the command needs to get there.
    writeFileSync(join(project, 'src/index.ts'), implementation('v2'))
    let swapped = false
    const deploying = watchProcess(cliCommand(deployArgs(served.url)), { cwd: project })
    await deploying.waitFor(/Bundling the bot: done/)
    const load = Array.from({ length: CONVERSATIONS }, (_, i) => converse(served.url, `c${i}`, () => swapped))
    const code = await deploying.exited
    swapped = true
    const results = await Promise.all(load)
    expect(code).toBe(0)
    expect(deploying.output()).toContain('Deployed bot "greeter" version 2')
    expect(deploying.output()).toContain('(was version 1)')
    expect(results.flatMap((result) => result.failed)).toEqual([])
    for (let i = 0; i < CONVERSATIONS; i++) {
      const replies = (await transcript(served.url, `c${i}`)).filter((m) => m.direction === 'outgoing').map((m) => m.payload.text ?? '')
      // Every message was answered, by version 1 until the swap and by version 2 from then on.
      expect(replies).toHaveLength(results[i]!.sent)
      expect(replies.at(-1)).toBe(`v2: m${results[i]!.sent}`)
      const firstV2 = replies.findIndex((text) => text.startsWith('v2:'))
      expect(replies.slice(0, firstV2).every((text) => text.startsWith('v1:'))).toBe(true)
      expect(replies.slice(firstV2).every((text) => text.startsWith('v2:'))).toBe(true)
    }

    const rolledBack = await runCli(deployArgs(served.url, '--rollback'), project)
    expect(rolledBack.stdout).toContain('Deployed bot "greeter" version 1')
    expect(await converse(served.url, 'after-rollback', () => true)).toEqual({ sent: 1, failed: [] })
    expect((await transcript(served.url, 'after-rollback')).at(-1)?.payload.text).toBe('v1: m1')

    // The counters hold numbers; a definition wanting strings is refused, naming the state and its rows.
    writeFileSync(join(project, 'bot.definition.ts'), definition('z.string()'))
    writeFileSync(join(project, 'src/index.ts'), implementation('v3', { countAs: 'String' }))
    const refused = await runCli(deployArgs(served.url), project)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('409 DEPLOYMENT_INCOMPATIBLE')
    expect(refused.stderr).toMatch(/states\.counter: 5 stored state\(s\) fail the new schema: user\/user-after-rollback \(count: Expected string, received number\), user\/user-c0 /)
    const forced = await runCli(deployArgs(served.url, '--force'), project)
    expect(forced.stdout).toContain('Deployed bot "greeter" version 3')

    writeFileSync(join(project, 'src/index.ts'), implementation('v4', { padding: 'x'.repeat(LIMIT) }))
    const oversized = await runCli(deployArgs(served.url), project)
    expect(oversized.code).toBe(1)
    expect(oversized.stderr).toContain(`413 BODY_TOO_LARGE: the request body is over the limit of ${LIMIT} bytes`)

    // Two versions are kept (PARLEY_KEEP_VERSIONS); the active one is served again after a restart.
    const listed = await runCli(['bots', 'list', '--url', served.url, '--token', TOKEN], project)
    expect(listed.stdout.trim().split('\n').map((line) => line.split('\t').filter((f) => !f.includes('T') && !f.endsWith('bytes')).join(' '))).toEqual(['greeter version 3 active', 'greeter version 2'])
    await stopServe(served)
    served = await startServe(dataDir, databaseUrl)
    expect(served.process.output()).toContain('"greeter"')
    expect(await converse(served.url, 'after-restart', () => true)).toEqual({ sent: 1, failed: [] })
    expect((await transcript(served.url, 'after-restart')).at(-1)?.payload.text).toBe('v3: m1')
    await stopServe(served)
  })

  async function createDatabase(): Promise<string> {
    const name = `parley_deploy_${randomBytes(6).toString('hex')}`
    await admin(`CREATE DATABASE ${name}`)
    dropDatabase = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    const url = new URL(SERVER)
    url.pathname = `/${name}`
    return url.href
  }
})

async function admin(sql: string): Promise<void> {
  const db = await openDatabase({ url: SERVER })
  try {
    await db.query(sql)
  } finally {
    await db.close()
  }
}

describe('parley deploy without a server', () => {
  it('says what to pass, and names a server it cannot reach', async () => {
    const project = botProject('greeter-nowhere')
    const missing = await runCli(['deploy', '--no-check'], project)
    expect([missing.code, missing.problems]).toEqual([1, ['error: which server? Pass --url <url> (or set PARLEY_URL), where `parley serve` runs']])
    const unreachable = await runCli(['deploy', '--url', 'http://127.0.0.1:9', '--token', TOKEN, '--no-check'], project)
    expect(unreachable.code).toBe(1)
    expect(unreachable.stderr).toContain('cannot reach the Parley server at http://127.0.0.1:9')
  })
})
