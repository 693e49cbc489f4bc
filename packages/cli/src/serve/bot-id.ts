import { basename } from 'node:path'
import { readPackageJson } from '../project/package-json.js'

/**
 * The id the bot runs under, and is reached at (`/chat/<id>`): its package name without the scope
 * (`@acme/support-bot` → `support-bot`), else the directory's name. Records are kept by this id, so
 * `parley dev` and `parley start` on the same data see the same bot.
 */
export function botIdFor(dir: string): string {
  const name = readPackageJson(dir).name ?? basename(dir)
  const id = name.replace(/^@[^/]+\//, '').toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '')
  return id || 'bot'
}
