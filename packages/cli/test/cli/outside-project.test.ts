import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, runProcess } from '../support/run-cli.js'
import { BUILT, CONDITIONS } from '../support/built.js'
import { REPO_ROOT } from '../support/paths.js'
import { makeTempDir } from '../support/temp-project.js'

// A plugin project outside the workspace, written as a Botpress plugin is: its code imports the generated
// module and its own definition by bare names that tsconfig.json resolves under `baseUrl` ('.parley',
// 'plugin.definition'). Its own vitest test runs it on createTestBot.

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'greeter-plugin', private: true, type: 'module' }),
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'ES2022', lib: ['ES2023'], module: 'ESNext', moduleResolution: 'Bundler', strict: true, skipLibCheck: true, noEmit: true,
      baseUrl: '.', customConditions: CONDITIONS,
    },
    include: ['*.ts', 'src', 'test', '.parley/**/*.ts'],
  }),
  'plugin.definition.ts': `import * as sdk from '@parley/sdk'
export const GREETING = 'Welcome'
export default new sdk.PluginDefinition({
  name: 'greeter', version: '0.1.0',
  states: { visits: { type: 'conversation', schema: sdk.z.object({ count: sdk.z.number() }) } },
})
`,
  'src/index.ts': `import * as bp from '.parley'
import { GREETING } from 'plugin.definition'

const plugin = new bp.Plugin({ actions: {} })

plugin.on.beforeIncomingMessage('*', async ({ data, user, conversation, states, client }) => {
  const { count } = await states.conversation.visits.getOrSet(conversation.id, { count: 0 })
  await states.conversation.visits.set(conversation.id, { count: count + 1 })
  if (count > 0) return { stop: false }
  await client.createMessage({ conversationId: conversation.id, type: 'text', payload: { text: \`\${GREETING}, \${user.name}: \${data.payload.text}\` }, tags: {} })
  return { stop: true }
})

export default plugin
`,
  'test/greeter.test.ts': `import { BotDefinition, BotImplementation } from '@parley/sdk'
import { createTestBot } from '@parley/runtime/testing'
import { expect, it } from 'vitest'
import definition from 'plugin.definition'
import implementation from 'src/index'

it('greets a conversation once, through its hook, with the user and the conversation', async () => {
  const own = new BotImplementation({ actions: {} })
  own.on.message('*', async ({ message, client }) => void (await client.createMessage({ conversationId: message.conversationId, type: 'text', payload: { text: 'bot here' }, tags: {} })))
  const bot = await createTestBot({
    definition: new BotDefinition({}).addPlugin({ definition, implementation }, { alias: 'greeter', configuration: {} }),
    implementation: own,
  })
  try {
    const chat = await bot.conversation({ user: await bot.user({ name: 'Ada' }) })
    expect((await chat.send('hi')).texts).toEqual(['Welcome, Ada: hi'])
    expect((await chat.send('again')).texts).toEqual(['bot here'])
    expect(await bot.getState('conversation', chat.id, 'greeter:visits')).toEqual({ count: 2 })
  } finally {
    await bot.stop()
  }
})
`,
  // The project's tests, with Parley's sources standing in for its builds when these are not fresh, as every test here does.
  'vitest.config.ts': `import { defineConfig } from 'vitest/config'
import { parleyVitestConfig } from '@parley/runtime/vitest'

const conditions: string[] = ${JSON.stringify(CONDITIONS)}
export default defineConfig({ ...parleyVitestConfig(), resolve: { conditions }, ssr: { resolve: { conditions } } })
`,
  // The same without Parley's settings.
  'vitest.plain.config.ts': `const conditions: string[] = ${JSON.stringify(CONDITIONS)}
export default { resolve: { conditions }, ssr: { resolve: { conditions } } }
`,
}

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
const vitest = join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs')

/** The project's own `vitest run`, with its config loaded from Parley's sources too when the tests use them. */
async function projectTests(dir: string, config: string) {
  const sources = BUILT ? [] : [`--conditions=${CONDITIONS[0]}`, '--import', tsxLoader]
  const result = await runProcess(process.execPath, [...sources, vitest, 'run', '--root', dir, '--config', config], dir)
  return { code: result.code, output: (result.stdout + result.stderr).replace(/\x1b\[[0-9;]*m/g, '') }
}

describe('a plugin project outside the workspace, importing .parley as Botpress code imports .botpress', () => {
  const temp = makeTempDir()
  const project = join(temp.dir, 'greeter')
  afterAll(temp.cleanup)

  beforeAll(() => {
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(project, path)), { recursive: true })
      writeFileSync(join(project, path), text)
    }
  })

  it('generates and type-checks clean', async () => {
    expect(await runCli(['gen'], project)).toMatchObject({ code: 0, problems: [] })
    expect(await runCli(['check'], project)).toMatchObject({ code: 0, problems: [] })
  })

  it('passes its own test with parleyVitestConfig', async () => {
    const run = await projectTests(project, 'vitest.config.ts')
    expect(run.output).toMatch(/Tests\s+1 passed \(1\)/)
    expect(run.code, run.output).toBe(0)
  })

  it('cannot load its code in tests without it', async () => {
    const run = await projectTests(project, 'vitest.plain.config.ts')
    expect(run.output).toMatch(/Failed to (resolve|load).*(\.parley|plugin\.definition|src\/index)/)
    expect(run.code).toBe(1)
  })
})
