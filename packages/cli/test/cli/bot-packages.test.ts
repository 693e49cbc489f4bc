import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.js'
import { FIXTURE_PROJECTS } from '../support/paths.js'
import { makeTempDir, useParleyUnderTest } from '../support/temp-project.js'

// parley add, remove and init --type plugin on a bot: what a bot records of its plugins and packages.

describe('parley add and remove', () => {
  const temp = makeTempDir()
  const project = join(temp.dir, 'host')
  const plugin = join(FIXTURE_PROJECTS, 'plugin-dependencies')
  const packageJson = () => JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'))
  afterAll(temp.cleanup)

  beforeAll(async () => {
    expect((await runCli(['init', '--template', 'empty', 'host'], temp.dir)).code).toBe(0)
    useParleyUnderTest(project)
  })

  it('add records the package, generates its typed module, and says how the bot adds it', async () => {
    const result = await runCli(['add', relative(project, plugin), '--alias', 'assist'], project)
    expect(result).toMatchObject({ code: 0, problems: [] })
    expect(result.stdout).toContain('Added plugin "assistant" as "assist"; its types are in .parley/packages/assist/')
    expect(result.stdout).toContain(`Next, in bot.definition.ts: import assist from '${relative(project, plugin)}' and bot.addPlugin(assist, { alias: 'assist' })`)
    expect(packageJson().parleyDependencies).toEqual({ assist: `file:${relative(project, plugin)}` })
    expect(readFileSync(join(project, '.parley', 'packages', 'assist', 'types.ts'), 'utf8')).toContain('export interface AnswerInput')
  })

  it('check fails while the bot does not add a plugin it records, saying what to write', async () => {
    const check = await runCli(['check'], project)
    expect(check.code).toBe(1)
    expect(check.problems).toContain(`error: package.json "parleyDependencies" records plugin "assist" (file:${relative(project, plugin)}), which bot.definition.ts does not add; add it there (import assist from '${relative(project, plugin)}' and bot.addPlugin(assist, { alias: 'assist' })) or run \`parley remove assist\``)
    expect(check.problems.at(-1)).toBe('check failed: 1 package(s) recorded and added differently')
  })

  it('remove forgets it and deletes its module', async () => {
    expect((await runCli(['remove', 'assist'], project)).code).toBe(0)
    expect(packageJson().parleyDependencies).toEqual({})
    expect(existsSync(join(project, '.parley', 'packages'))).toBe(false)
  })

  it('add changes nothing when the package cannot be generated', async () => {
    const broken = join(temp.dir, 'broken')
    mkdirSync(broken)
    writeFileSync(join(broken, 'plugin.definition.ts'), "import { PluginDefinition } from '@parley/sdk'\nexport default new PluginDefinition({ name: 'broken', version: '1.0.0' })\nthrow new Error('not today')\n")
    const before = { json: readFileSync(join(project, 'package.json'), 'utf8'), generated: readFileSync(join(project, '.parley', 'index.ts'), 'utf8') }
    const result = await runCli(['add', '../broken', '--alias', 'broken'], project)
    expect(result.code).toBe(1)
    expect(result.problems.join('\n')).toContain('not today')
    expect(readFileSync(join(project, 'package.json'), 'utf8')).toBe(before.json)
    expect(readFileSync(join(project, '.parley', 'index.ts'), 'utf8')).toBe(before.generated)
    expect(existsSync(join(project, '.parley', 'packages'))).toBe(false)
  })

  it('remove names the aliases there are when given an unknown one', async () => {
    const result = await runCli(['remove', 'nobody'], project)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('error: no package added as "nobody"')
  })
})

describe('a plugin inside a bot', () => {
  const temp = makeTempDir()
  const bot = join(temp.dir, 'support-bot')
  const faq = join(bot, 'plugins', 'faq')
  const read = (path: string) => readFileSync(join(bot, path), 'utf8')
  afterAll(temp.cleanup)

  beforeAll(async () => {
    expect((await runCli(['init', '--template', 'hello-world', 'support-bot'], temp.dir)).code).toBe(0)
    useParleyUnderTest(bot)
  })

  it('init --type plugin in a bot makes a plugin of the bot: recorded, added to its definition and generated', async () => {
    const result = await runCli(['init', '--type', 'plugin', 'plugins/faq'], bot)
    expect(result).toMatchObject({ code: 0, problems: [] })
    expect(result.stdout).toContain(`Created plugin "faq" of bot . in plugins/faq: recorded in package.json "parleyDependencies" and added in bot.definition.ts as bot.addPlugin(…, { alias: 'faq' })`)
    for (const file of ['plugin.definition.ts', 'src/index.ts', 'test/plugin.test.ts', 'index.ts', 'tsconfig.json', '.parley/index.ts']) expect(existsSync(join(faq, file)), file).toBe(true)
    for (const file of ['package.json', '.github', '.gitignore']) expect(existsSync(join(faq, file)), file).toBe(false)
    expect(JSON.parse(read('package.json')).parleyDependencies).toEqual({ faq: 'file:./plugins/faq' })
    expect(read('bot.definition.ts')).toContain("import faq from './plugins/faq'\n")
    expect(read('bot.definition.ts')).toContain("bot.addPlugin(faq, { alias: 'faq' })\n\nexport default bot")
    expect(read('.parley/types.ts')).toContain("'faq:countMessages'")
    expect(existsSync(join(bot, '.parley', 'packages', 'faq', 'index.ts'))).toBe(true)
  })

  it('leaves a bot that passes check, with a plugin that passes its own', async () => {
    expect(await runCli(['check'], bot)).toMatchObject({ code: 0, problems: [] })
    expect(await runCli(['check', '--cwd', 'plugins/faq'], bot)).toMatchObject({ code: 0, problems: [] })
  })

  it('remove refuses while bot.definition.ts still adds it, and changes nothing', async () => {
    const json = read('package.json')
    const result = await runCli(['remove', 'faq'], bot)
    expect(result.code).toBe(1)
    expect(result.problems).toEqual(["error: bot.definition.ts still adds plugin \"faq\"; remove its `bot.addPlugin(…, { alias: 'faq' })` first, then run `parley remove faq` again"])
    expect(read('package.json')).toBe(json)
  })

  it('check fails when the bot adds a plugin package.json does not record', async () => {
    const json = read('package.json')
    writeFileSync(join(bot, 'package.json'), json.replace(/,\s*"parleyDependencies": \{[^}]*\}/, ''))
    try {
      const check = await runCli(['check'], bot)
      expect(check.code).toBe(1)
      expect(check.problems).toContain('error: bot.definition.ts adds plugin "faq", which package.json "parleyDependencies" does not record; run `parley add <its path or package> --alias faq`')
    } finally {
      writeFileSync(join(bot, 'package.json'), json)
    }
  })

  it('init --template manifest-plugin in a bot makes a plugin folder of the bot that passes check, as the bot does', async () => {
    const result = await runCli(['init', '--type', 'plugin', '--template', 'manifest-plugin', 'plugins/tally'], bot)
    expect(result).toMatchObject({ code: 0, problems: [] })
    const tally = join(bot, 'plugins', 'tally')
    for (const file of ['plugin.json', 'handler.py', 'index.ts', 'test/plugin.test.ts', 'tsconfig.json', '.parley/index.ts']) expect(existsSync(join(tally, file)), file).toBe(true)
    expect(existsSync(join(tally, 'package.json'))).toBe(false)
    expect(JSON.parse(readFileSync(join(tally, 'plugin.json'), 'utf8'))).toMatchObject({ id: 'tally', events: ['message_received', 'turn_complete'] })
    expect(read('bot.definition.ts')).toContain("bot.addPlugin(tally, { alias: 'tally' })")
    expect(JSON.parse(read('package.json')).parleyDependencies).toMatchObject({ tally: 'file:./plugins/tally' })
    expect(await runCli(['check'], bot)).toMatchObject({ code: 0, problems: [] })
    expect(await runCli(['check', '--cwd', 'plugins/tally'], bot)).toMatchObject({ code: 0, problems: [] })
  })

  it('--standalone makes a plugin project of its own', async () => {
    expect((await runCli(['init', '--type', 'plugin', '--template', 'empty', '--standalone', 'plugins/solo'], bot)).code).toBe(0)
    expect(existsSync(join(bot, 'plugins', 'solo', 'package.json'))).toBe(true)
    expect(read('bot.definition.ts')).not.toContain('solo')
  })
})
