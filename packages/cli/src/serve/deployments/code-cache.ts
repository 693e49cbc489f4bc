import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { ComposedBot, DeploymentCode } from '@parley/runtime'
import { SERVER_PACKAGES } from '../../project/bundle.js'
import { loadBotBuild } from '../load-bot.js'

export interface CodeCache {
  /** Writes a version's code where Node can import it, and loads it as `parley start` loads `dist/`. */
  load(botId: string, version: number, code: DeploymentCode): Promise<ComposedBot>
}

/**
 * A directory of deployed code, made afresh when the server starts (the database holds the code; these are
 * only files for Node to import). Its `node_modules` links to this server's own Parley packages, so a
 * bundle's `@parley/sdk` is the very copy the runtime runs. Each load gets a directory of its own: a version
 * loaded again (a rollback) is a fresh module, not the one already in Node's module cache.
 */
export function codeCache(dir: string): CodeCache {
  rmSync(dir, { recursive: true, force: true })
  linkProvidedPackages(join(dir, 'node_modules'))
  let loads = 0
  return {
    load: async (botId, version, code) => {
      loads += 1
      const versionDir = join(dir, botId, `${version}-${loads}`)
      mkdirSync(join(versionDir, 'dist'), { recursive: true })
      writeFileSync(join(versionDir, 'package.json'), JSON.stringify({ type: 'module', private: true }))
      writeFileSync(join(versionDir, 'dist', 'bot.definition.js'), code.definition)
      writeFileSync(join(versionDir, 'dist', 'index.js'), code.bundle)
      return loadBotBuild(versionDir)
    },
  }
}

function linkProvidedPackages(modules: string): void {
  const require = createRequire(import.meta.url)
  for (const name of SERVER_PACKAGES) {
    const root = packageRoot(require, name)
    if (!root) continue
    mkdirSync(dirname(join(modules, name)), { recursive: true })
    symlinkSync(root, join(modules, name), 'dir')
  }
}

function packageRoot(require: NodeJS.Require, name: string): string | undefined {
  try {
    return dirname(require.resolve(`${name}/package.json`))
  } catch {
    // Not installed beside this CLI: a bundle importing it fails to load, and the deployment says so.
    return undefined
  }
}
