import { spawnSync } from 'node:child_process'
import npa from 'npm-package-arg'
import { CliError } from '../errors/cli-error.js'
import { packageDirectory } from './dependencies.js'

/** An npm package as `parley add` was given it: `@acme/analytics`, `@acme/analytics@^1.2.0`, `analytics@next`. */
export interface NpmPackageSpec {
  readonly name: string
  /** Whether a version, range or tag was given: then the package is installed even if present. */
  readonly pinned: boolean
}

/** Parses with npm's own parser, so every spelling npm accepts is read as npm reads it. */
export function parseNpmSpec(spec: string): NpmPackageSpec {
  let parsed: npa.Result
  try {
    parsed = npa(spec)
  } catch (error) {
    throw new CliError('PACKAGE_NOT_FOUND', `"${spec}" is neither a directory nor an npm package name (${(error as Error).message}); give a path (./plugins/analytics) or a package (@acme/analytics@^1.0.0)`)
  }
  if (!parsed.registry || !parsed.name) {
    throw new CliError('PACKAGE_NOT_FOUND', `"${spec}" is not a package from the npm registry; give a path (./plugins/analytics) or a package (@acme/analytics@^1.0.0)`)
  }
  return { name: parsed.name, pinned: parsed.rawSpec !== '' && parsed.rawSpec !== '*' }
}

/** Whether `name` resolves from the project, in its own `node_modules` or an enclosing one. */
export function isInstalled(projectDir: string, name: string): boolean {
  try {
    packageDirectory(projectDir, name)
    return true
  } catch {
    return false
  }
}

/**
 * `npm install [spec]` in the project, so package.json and the lockfile record it as npm would. npm
 * reads the user's own configuration (registry, proxy, cache), as it does when they run it.
 */
export function installPackage(projectDir: string, spec?: string): void {
  // On Windows npm is a script that needs a shell, where `^` escapes: quote the spec there.
  const windows = process.platform === 'win32'
  const args = ['install', '--no-audit', '--no-fund', ...(spec ? [windows ? `"${spec}"` : spec] : [])]
  const result = spawnSync('npm', args, { cwd: projectDir, encoding: 'utf8', shell: windows, stdio: ['ignore', 'pipe', 'pipe'] })
  if (result.status === 0) return
  const detail = (result.error?.message ?? `${result.stderr}`.trim().split('\n').slice(-5).join('\n')) || `exit code ${result.status}`
  throw new CliError('INSTALL_FAILED', `npm ${args.join(' ')} in ${projectDir} failed; fix what npm says and run it again:\n${detail}`)
}
