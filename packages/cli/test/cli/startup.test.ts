import { sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { BUILT } from '../support/built.js'
import { cliCommand } from '../support/cli-process.js'
import { runProcess } from '../support/run-cli.js'
import { FIXTURE_PROJECTS, REPO_ROOT } from '../support/paths.js'

// Every run of `parley` imports every command's module. The runtime (its database drivers, HTTP server
// and the rest, some 200 modules) is for the commands that serve a bot, which load it when they run:
// a CLI that loads it on every start spends a second or more before `gen`, `check` or `--help` begin.

/** Registered before the CLI starts: prints the URL of every module Node loads, one per line, on stderr. */
const RECORD_LOADS = `data:text/javascript,${encodeURIComponent(`
import { register } from 'node:module'
register('data:text/javascript,' + encodeURIComponent('export async function load(url, context, next) { process.stderr.write("loaded " + url + "\\\\n"); return next(url, context) }'))
`)}`

/** The files of this repository `parley <args>` loads, relative to it, with `/`. */
async function filesLoadedBy(args: readonly string[]): Promise<string[]> {
  const [node, ...rest] = cliCommand(args)
  const result = await runProcess(node!, ['--import', RECORD_LOADS, ...rest], FIXTURE_PROJECTS)
  expect(result.code, result.stderr).toBe(0)
  return result.stderr.split('\n').filter((line) => line.startsWith('loaded file:'))
    .map((line) => fileURLToPath(line.slice('loaded '.length).split('?')[0]!))
    .filter((path) => path.startsWith(REPO_ROOT + sep)).map((path) => path.slice(REPO_ROOT.length + 1).split(sep).join('/'))
}

describe('parley, starting', () => {
  it('loads the runtime only for the commands that serve a bot', async () => {
    const loaded = await filesLoadedBy(['--help'])
    expect(loaded).toContain(BUILT ? 'packages/cli/dist/commands/dev.js' : 'packages/cli/src/commands/dev.ts')
    expect(loaded.filter((path) => path.startsWith('packages/runtime/'))).toEqual([])
  })
})
