import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { startLocalRegistry, type LocalRegistry } from './local-registry.js'
import { run, userEnv } from './processes.js'
import { publishedWorkspaces, REPO_ROOT } from './workspaces.js'

/** Every published package of this repository, on a local registry, and the environment that installs from it. */
export interface PublishedParley {
  readonly registry: LocalRegistry
  /** A user's environment, with npm pointed at the local registry. */
  readonly env: NodeJS.ProcessEnv
}

/** Starts the registry and publishes every package to it with `npm publish`, as a release would. */
export async function publishParley(dir: string): Promise<PublishedParley> {
  const upstream = (await expectOk(run('npm', ['config', 'get', 'registry'], { cwd: dir, env: userEnv() }))).trim().split('\n').pop()!
  const registry = await startLocalRegistry(join(dir, 'registry'), upstream)
  const env = userEnv({ npm_config_userconfig: registry.userconfig })
  // Removing an earlier run's initializer takes seconds of disk work: done while the packages publish.
  const forgotten = forgetCachedInitializers(env)
  forgotten.catch(() => undefined)
  for (const { path } of publishedWorkspaces()) {
    await expectOk(run('npm', ['publish', '--workspace', path, '--ignore-scripts'], { cwd: REPO_ROOT, env }), registry)
  }
  await forgotten
  return { registry, env }
}

/**
 * Runs a command and fails with its whole output unless it exits 0 (and with what the registry logged,
 * when there is one); resolves with the output.
 */
export async function expectOk(result: Promise<{ code: number; output: string }>, registry?: LocalRegistry): Promise<string> {
  const { code, output } = await result
  if (code !== 0) throw new Error(`exit code ${code}:\n${output}${registry ? `\nThe local registry logged:\n${registry.output()}` : ''}`)
  return output
}

/**
 * `npm create parley` runs create-parley from npm's npx cache, which keeps a package by name and version:
 * a copy left by an earlier run of these tests would stand in for the one just published. Only those
 * copies are removed.
 */
async function forgetCachedInitializers(env: NodeJS.ProcessEnv): Promise<void> {
  const cache = (await expectOk(run('npm', ['config', 'get', 'cache'], { cwd: REPO_ROOT, env }))).trim().split('\n').pop()!
  const npx = join(cache, '_npx')
  if (!existsSync(npx)) return
  const initializers = readdirSync(npx).filter((entry) => {
    const manifest = join(npx, entry, 'package.json')
    return existsSync(manifest) && /"create-parley"|"@parley\//.test(readFileSync(manifest, 'utf8'))
  })
  await Promise.all(initializers.map((entry) => rm(join(npx, entry), { recursive: true, force: true })))
}
