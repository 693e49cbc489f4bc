import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BUILT, CONDITIONS } from './built.js'
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
 * Makes a project created by `parley init` resolve `@parley/*` to the repository's sources when the
 * builds are not fresh (`built.ts`): the one change these tests make to what `init` wrote. With fresh
 * builds the project stays as `init` wrote it, on the packages' built files, as a user's is.
 */
export function useParleyUnderTest(projectDir: string): void {
  if (BUILT) return
  const path = join(projectDir, 'tsconfig.json')
  const tsconfig = JSON.parse(readFileSync(path, 'utf8')) as { compilerOptions: Record<string, unknown> }
  tsconfig.compilerOptions.customConditions = CONDITIONS
  writeFileSync(path, JSON.stringify(tsconfig, null, 2))
  writeFileSync(join(projectDir, 'vitest.config.ts'), vitestConfigWithConditions())
}

/** A vitest config that resolves `@parley/*` as these tests do (`CONDITIONS`), and nothing else. */
export function vitestConfigWithConditions(): string {
  return `const conditions: string[] = ${JSON.stringify(CONDITIONS)}\nexport default { resolve: { conditions }, ssr: { resolve: { conditions } } }\n`
}
