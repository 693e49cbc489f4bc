import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli, runProcess } from '../support/run-cli.js'
import { REPO_ROOT } from '../support/paths.js'
import { makeTempDir, useParleyUnderTest, vitestConfigWithConditions } from '../support/temp-project.js'

const TEMPLATES = [
  ['bot', 'empty'], ['bot', 'hello-world'], ['bot', 'bot-with-plugin'], ['bot', 'llm-bot'],
  ['plugin', 'empty'], ['plugin', 'hello-world'], ['plugin', 'create-plugin'], ['plugin', 'manifest-plugin'],
  ['integration', 'empty'], ['integration', 'hello-world'],
  ['interface', 'empty'], ['interface', 'hello-world'],
] as const

/** Every template gives a project that passes `parley check` and its own tests as soon as it is created. */
describe('templates', () => {
  const temp = makeTempDir()
  afterAll(temp.cleanup)

  // Each template in a directory of its own, so several at a time: a machine with a core to spare uses it.
  it.concurrent.for(TEMPLATES)('%s %s passes parley check', async ([type, template], { expect }) => {
    const name = `${type}-${template}`
    const init = await runCli(['init', '--type', type, '--template', template, name], temp.dir)
    expect(init).toMatchObject({ code: 0, problems: [] })
    useParleyUnderTest(join(temp.dir, name))
    const check = await runCli(['check'], join(temp.dir, name))
    expect(check.problems).toEqual([])
    expect(check.code).toBe(0)
  })

  it('bot-with-plugin\'s plugin passes parley check on its own too', async () => {
    const check = await runCli(['check', '--cwd', 'plugins/greeter'], join(temp.dir, 'bot-bot-with-plugin'))
    expect(check).toMatchObject({ code: 0, problems: [] })
  })

  it('every template\'s tests pass', async () => {
    // One vitest run over all the projects: each test imports only its own project's files. Its files
    // share their worker's modules (--no-isolate): every project's test loads the runtime's sources,
    // and loading them once rather than once a file takes this run from 66 CPU-s to 20. The
    // projects' own files stay apart (each project's have paths of their own).
    writeFileSync(join(temp.dir, 'vitest.config.ts'), vitestConfigWithConditions())
    const vitest = join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs')
    const result = await runProcess(process.execPath, [vitest, 'run', '--root', temp.dir, '--no-isolate', '--reporter', 'verbose'], temp.dir)
    const output = (result.stdout + result.stderr).replace(/\x1b\[[0-9;]*m/g, '')
    expect(output).toMatch(/Test Files\s+13 passed \(13\)/)
    expect(result.code, output).toBe(0)
  })
})
