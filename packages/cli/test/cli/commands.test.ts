import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { plain, STACK_FRAME } from '../support/cli-output.js'
import { runCli, runProcess } from '../support/run-cli.js'
import { makeTempDir, useParleyUnderTest } from '../support/temp-project.js'

// The commands on one project made by `parley init`, in the order a user runs them. The commands' other
// tests are in files of their own (`commands-usage.test.ts`), so they run beside these.

describe('parley, on a new bot', () => {
  const temp = makeTempDir()
  const project = join(temp.dir, 'my-bot')
  afterAll(temp.cleanup)

  beforeAll(async () => {
    const init = await runCli(['init', 'my-bot'], temp.dir)
    expect(init.problems).toEqual([])
    expect(init.code).toBe(0)
    useParleyUnderTest(project)
  })

  it('init writes a project with its generated module', () => {
    for (const file of ['bot.definition.ts', 'src/index.ts', 'test/bot.test.ts', 'tsconfig.json', 'package.json', '.gitignore', '.github/workflows/ci.yml', '.parley/index.ts', '.parley/types.ts']) {
      expect(existsSync(join(project, file)), file).toBe(true)
    }
    expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'))).toMatchObject({ name: 'my-bot', scripts: { check: 'parley check', test: 'vitest run' } })
  })

  it('gen succeeds', async () => {
    expect(await runCli(['gen'], project)).toMatchObject({ code: 0, problems: [] })
  })

  it('check succeeds, showing its steps', async () => {
    const check = await runCli(['check'], project)
    expect(check).toMatchObject({ code: 0, problems: [] })
    expect(check.stdout).toContain('up to date and the project type-checks')
    // Long work shows its steps on stderr: as plain lines here, where stderr is a pipe.
    expect(check.stderr.split('\n')).toEqual(expect.arrayContaining([
      'Generating .parley/ in memory…', expect.stringMatching(/^Generating \.parley\/ in memory: done in \d/),
      'Type-checking the project…', expect.stringMatching(/^Type-checking the project: done in \d/),
    ]))
    expect(check.stderr).not.toMatch(/\x1b\[/)
  })

  it('build bundles into dist/', async () => {
    expect(await runCli(['build'], project)).toMatchObject({ code: 0, problems: [] })
    expect(existsSync(join(project, 'dist', 'index.js'))).toBe(true)
    expect(existsSync(join(project, 'dist', 'bot.definition.js'))).toBe(true)
  })

  it('passes its own npm test', async () => {
    const result = await runProcess('npm', ['test'], project)
    expect(plain(result.stdout + result.stderr)).toMatch(/Tests\s+2 passed/)
    expect(result.code).toBe(0)
  })

  it('check fails when the definition changed without gen, summarizing the drift', async () => {
    const definition = join(project, 'bot.definition.ts')
    const before = readFileSync(definition, 'utf8')
    writeFileSync(definition, before.replace("visits: { type: 'user',", "streak: { type: 'user', schema: z.object({ days: z.number() }) },\n    visits: { type: 'user',"))
    try {
      const check = await runCli(['check'], project)
      expect(check.code).toBe(1)
      expect(check.stderr).toContain('.parley/ is out of date with the definition; run `parley gen`')
      expect(check.stderr).toMatch(/\.parley\/types\.ts: \d+ line\(s\) to add, \d+ to remove; first difference at line \d+/)
      expect(check.stderr).toMatch(/\.parley\/namespaces\.ts: \d+ line\(s\) to add/)
      expect(check.stderr).toContain('check failed: 2 stale generated file(s)')
    } finally {
      writeFileSync(definition, before)
    }
  })

  it('check reports a type error by file, line and the field at fault', async () => {
    const broken = join(project, 'src', 'broken.ts')
    writeFileSync(broken, "import * as bp from '../.parley'\n\nexport const greet: bp.ActionHandler<'greet'> = async ({ input }) => ({ text: input.nam })\n")
    try {
      const check = await runCli(['check'], project)
      expect(check.code).toBe(1)
      expect(check.stderr).toMatch(/^src\/broken\.ts:3:\d+ - error TS2\d+: Property 'nam' does not exist on type 'GreetInput'/m)
      expect(check.stderr).toContain('check failed: 1 type error(s)')
      expect(check.stderr).not.toMatch(STACK_FRAME)
    } finally {
      rmSync(broken)
    }
  })

  // One project holding both: each `check` type-checks the whole project, seconds of CPU apiece.
  it('check leaves installed packages\' TypeScript sources and definition files out; --definitions type-checks the definition files, having validated them by running them', async () => {
    const pkg = join(project, 'node_modules', 'shipped-as-source')
    mkdirSync(pkg, { recursive: true })
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'shipped-as-source', type: 'module', exports: './index.ts' }))
    writeFileSync(join(pkg, 'index.ts'), "export const answer: number = 42\nexport const broken: number = 'not a number'\n")
    const user = join(project, 'src', 'uses-package.ts')
    writeFileSync(user, "import { answer } from 'shipped-as-source'\n\nexport const doubled: number = answer * 2\n")
    const extra = join(project, 'extra.definition.ts')
    writeFileSync(extra, "export const version: number = 'one'\n")
    try {
      expect(await runCli(['check'], project)).toMatchObject({ code: 0, problems: [] })
      const strict = await runCli(['check', '--definitions'], project)
      expect(strict.code).toBe(1)
      expect(strict.problems).toEqual([
        expect.stringMatching(/^extra\.definition\.ts:1:14 - error TS2322: Type 'string' is not assignable to type 'number'/),
        'check failed: 1 type error(s)',
      ])
    } finally {
      rmSync(join(project, 'node_modules'), { recursive: true })
      rmSync(user)
      rmSync(extra)
    }
  })
})
