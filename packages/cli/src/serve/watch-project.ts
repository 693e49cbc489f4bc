import { relative, sep } from 'node:path'
import { watch } from 'chokidar'

/** Folders whose changes never change the bot: dependencies, generated code, data and builds. */
const IGNORED = new Set(['node_modules', '.parley', '.parley-data', 'dist', '.git', '.turbo'])

/** How long changes must stop before a reload: editors write a file in several steps. */
const SETTLE_MS = 150

/**
 * Calls `onChange` with the files changed, once they settle. Resolves once the watcher has seen the
 * project, so a change made after it resolves is never missed; with a function that stops watching.
 */
export async function watchProject(dir: string, onChange: (files: string[]) => void): Promise<() => Promise<void>> {
  const pending = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  const watcher = watch(dir, { ignoreInitial: true, ignored: (path) => ignored(dir, path) })
  watcher.on('all', (_event, path) => {
    pending.add(relative(dir, path))
    clearTimeout(timer)
    timer = setTimeout(() => {
      const files = [...pending]
      pending.clear()
      onChange(files)
    }, SETTLE_MS)
  })
  await new Promise<void>((resolve, reject) => watcher.once('ready', resolve).once('error', reject))
  return async () => {
    clearTimeout(timer)
    await watcher.close()
  }
}

function ignored(dir: string, path: string): boolean {
  return relative(dir, path).split(sep).some((part) => IGNORED.has(part))
}
