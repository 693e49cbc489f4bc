import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REPO_ROOT } from './paths.js'

/**
 * A fresh directory outside the repository whose `node_modules` is the repository's, as if the
 * project's dependencies were installed.
 */
export function makeTempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'parley-cli-'))
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir')
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/**
 * Makes a project created by `parley init` resolve `@parley/*` to the repository's sources rather than
 * to builds that may not exist yet: the one change these tests make to what `init` wrote.
 */
export function useSourcesOfParley(projectDir: string): void {
  const path = join(projectDir, 'tsconfig.json')
  const tsconfig = JSON.parse(readFileSync(path, 'utf8')) as { compilerOptions: Record<string, unknown> }
  tsconfig.compilerOptions.customConditions = ['parley:source']
  writeFileSync(path, JSON.stringify(tsconfig, null, 2))
  writeFileSync(join(projectDir, 'vitest.config.ts'), `export default { resolve: { conditions: ['parley:source'] }, ssr: { resolve: { conditions: ['parley:source'] } } }\n`)
}
