import { existsSync, lstatSync, mkdtempSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { run, userEnv } from './support/processes.js'
import { readJson, REPO_ROOT, type PackageJson } from './support/workspaces.js'

// `parley init --link <checkout>`: a project outside the repository that uses this checkout's packages,
// with no registry serving Parley (third-party packages come from npm's usual registry or its cache).

const dir = mkdtempSync(join(tmpdir(), 'parley-link-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }), 120_000)

const cli = join(REPO_ROOT, 'packages', 'cli', 'bin', 'parley.js')
const parley = (cwd: string, ...args: string[]) => run(process.execPath, [cli, ...args], { cwd, env: userEnv() })

describe('parley init --link', { timeout: 600_000 }, () => {
  const project = join(dir, 'linked-bot')

  it('makes a project whose Parley packages are links to the checkout, installed and generated', async () => {
    const init = await parley(dir, 'init', '--link', REPO_ROOT, 'linked-bot')
    expect(init.code, init.output).toBe(0)
    const json = readJson<PackageJson>(join(project, 'package.json'))
    expect(json.dependencies?.['@parley/sdk']).toMatch(/^file:.*packages\/sdk$/)
    expect(json.devDependencies?.['@parley/cli']).toMatch(/^file:.*packages\/cli$/)
    for (const name of ['sdk', 'runtime', 'cli']) {
      const installed = join(project, 'node_modules', '@parley', name)
      expect(lstatSync(installed).isSymbolicLink(), `node_modules/@parley/${name} is a link`).toBe(true)
      expect(realpathSync(installed)).toBe(realpathSync(join(REPO_ROOT, 'packages', name)))
    }
    expect(existsSync(join(project, '.parley', 'index.ts'))).toBe(true)
  })

  it('passes parley check and its tests against the checkout', async () => {
    const check = await run('npx', ['parley', 'check'], { cwd: project, env: userEnv() })
    expect(check.code, check.output).toBe(0)
    const test = await run('npm', ['test'], { cwd: project, env: userEnv() })
    expect(test.code, test.output).toBe(0)
    expect(test.output).toMatch(/Tests\s+2 passed/)
  })

  it('refuses a directory that is not a Parley checkout, before writing anything', async () => {
    const result = await parley(dir, 'init', '--link', dir, 'not-made')
    expect(result.code).toBe(1)
    expect(result.output).toMatch(/is not a Parley checkout/)
    expect(existsSync(join(dir, 'not-made'))).toBe(false)
  })
})
