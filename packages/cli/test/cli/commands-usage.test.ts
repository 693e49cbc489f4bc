import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { main } from '../../src/main.js'
import { STACK_FRAME } from '../support/cli-output.js'
import { runCli } from '../support/run-cli.js'
import { FIXTURE_PROJECTS } from '../support/paths.js'
import { CONDITIONS } from '../support/built.js'
import { makeTempDir } from '../support/temp-project.js'

// How `parley` meets a user who gets it wrong, and the help it gives. (`commands.test.ts` runs the
// commands on a working project.)

describe('parley, on bad input', () => {
  const temp = makeTempDir()
  afterAll(temp.cleanup)

  /** A plugin whose state type is wrong, written over several lines as people write definitions. */
  function badPlugin(dir: string): string {
    mkdirSync(dir)
    writeFileSync(join(dir, 'plugin.definition.ts'), [
      "import { PluginDefinition, z } from '@parley/sdk'",
      'export default new PluginDefinition({',
      "  name: 'bad',",
      "  version: '1.0.0',",
      '  states: {',
      '    s: {',
      "      type: 'team',",
      '      schema: z.object({}),',
      '    },',
      '  },',
      '})',
      '',
    ].join('\n'))
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true, skipLibCheck: true, noEmit: true, customConditions: CONDITIONS }, include: ['*.ts'] }))
    return dir
  }

  it('rejects an unknown flag with usage help and exit code 2', async () => {
    const result = await runCli(['gen', '--frobnicate'], temp.dir)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("error: unknown option '--frobnicate'")
    expect(result.stderr).not.toMatch(STACK_FRAME)
  })

  it('rejects an unknown command', async () => {
    const result = await runCli(['generate'], temp.dir)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("unknown command 'generate'")
  })

  it('says which definition file is missing, without a stack trace', async () => {
    const result = await runCli(['check'], temp.dir)
    expect(result.code).toBe(1)
    expect(result.problems.join('\n')).toMatch(/^error: no definition file in .+: expected one of bot\.definition\.ts, plugin\.definition\.ts, integration\.definition\.ts, interface\.definition\.ts/)
    expect(result.stderr).not.toMatch(STACK_FRAME)
  })

  it('reports a definition that throws at the line of the field at fault, naming the entity and field', async () => {
    const dir = badPlugin(join(temp.dir, 'bad-plugin'))
    const result = await runCli(['gen'], dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('plugin.definition.ts:7:7 - error DEFINITION_INVALID: plugin "bad", states.s.type: "team" is not allowed')
    expect(result.stderr).not.toMatch(STACK_FRAME)
  })

  it('check shows both the definition error and the type error of the same mistake, at the same line', async () => {
    const dir = badPlugin(join(temp.dir, 'bad-plugin-check'))
    const result = await runCli(['check'], dir)
    expect(result.code).toBe(1)
    const [definitionError, typeError, ...rest] = result.problems
    expect(definitionError).toBe('plugin.definition.ts:7:7 - error DEFINITION_INVALID: plugin "bad", states.s.type: "team" is not allowed; use one of "bot", "user", "conversation", "workflow"')
    expect(typeError).toMatch(/^plugin\.definition\.ts:7:7 - error TS2322: Type '"team"' is not assignable to type /)
    expect(rest.at(-1)).toBe('check failed: the definition does not load, 1 type error(s) in definition files')
  })

  it('points a composition error at the line that added the package', async () => {
    // An ES module project: its own stack frames name the line, which is the one reported.
    const dir = join(temp.dir, 'bad-bot')
    mkdirSync(dir)
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bad-bot', type: 'module' }))
    writeFileSync(join(dir, 'bot.definition.ts'), [
      "import { BotDefinition, PluginDefinition } from '@parley/sdk'",
      "const helper = new PluginDefinition({ name: 'helper', version: '1.0.0' })",
      'const bot = new BotDefinition({})',
      "bot.addPlugin(helper, { alias: 'h' })",
      "bot.addPlugin(helper, { alias: 'h' })",
      'export default bot',
      '',
    ].join('\n'))
    const result = await runCli(['gen'], dir)
    expect(result.problems).toEqual([expect.stringMatching(/^bot\.definition\.ts:5:\d+ - error ALIAS_TAKEN: /)])
  })

  it('refuses to init into a directory that is not empty', async () => {
    mkdirSync(join(temp.dir, 'taken'))
    writeFileSync(join(temp.dir, 'taken', 'notes.txt'), 'mine')
    const result = await runCli(['init', 'taken'], temp.dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^error: .*taken already exists and is not empty/)
  })

  it('names the templates there are when given an unknown one', async () => {
    const result = await runCli(['init', '--type', 'plugin', '--template', 'fancy', 'p'], temp.dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('there is no plugin template "fancy"; choose one of: create-plugin, empty, hello-world, manifest-plugin')
  })

  it('rejects an unknown project type, listing the allowed ones', async () => {
    const result = await runCli(['init', '--type', 'widget', 'w'], temp.dir)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("argument 'widget' is invalid. Allowed choices are bot, plugin, integration, interface.")
  })
})

/** `parley` run in this process, its output kept: for help, which starts nothing a child process would isolate. */
async function mainHere(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const written = { stdout: '', stderr: '' }
  const out = { info: (text: string) => void (written.stdout += `${text}\n`), error: (text: string) => void (written.stderr += `${text}\n`) }
  const code = await main(['node', 'parley', ...args], out)
  return { code, ...written }
}

describe('parley help', () => {
  it.each(['init', 'gen', 'check', 'build', 'add', 'remove', 'dev', 'start', 'chat'])('describes %s and each of its flags', async (command) => {
    const result = await mainHere([command, '--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(new RegExp(`^Usage: parley ${command}`))
    for (const line of result.stdout.split('\n').filter((l) => /^\s+-/.test(l))) expect(line.trim(), 'a flag without a description').toMatch(/^\S.*\s{2,}\S/)
  })

  it('names the environment dev and start read, PORT first, on the standard output of the command', async () => {
    for (const command of ['dev', 'start']) {
      const help = (await runCli([command, '--help'], FIXTURE_PROJECTS)).stdout
      expect(help).toMatch(/^\s+PORT\b/m)
      expect(help).toContain('PARLEY_API_TOKENS')
    }
  })
})
