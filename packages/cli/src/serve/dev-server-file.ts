import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DATA_DIR } from './data-directory.js'

/** Where a running `parley dev` says where it is, so `parley chat` in the same project finds it. */
const FILE = join(DATA_DIR, 'dev-server.json')

export interface DevServerInfo {
  readonly url: string
  readonly botId: string
}

export function writeDevServerFile(dir: string, info: DevServerInfo): void {
  mkdirSync(join(dir, DATA_DIR), { recursive: true })
  writeFileSync(join(dir, FILE), `${JSON.stringify(info, null, 2)}\n`)
}

/** What the last `parley dev` in `dir` wrote; it may have stopped since. */
export function readDevServerFile(dir: string): DevServerInfo | undefined {
  const path = join(dir, FILE)
  if (!existsSync(path)) return undefined
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as DevServerInfo
  } catch {
    return undefined
  }
}
