import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { NewLogRecord } from '@parley/runtime'
import type { Output } from '../cli/output.js'
import { parseTokenList, tokenRegistry, type TokenEntry } from '@parley/runtime/http'

export interface TokenConfig {
  readonly tokens: TokenEntry[]
  /** A token made up for this run, when the environment gave none. */
  readonly generated?: string
}

/**
 * `PARLEY_API_TOKENS`, or, for `parley dev` only, an admin token made up for this run. Each entry is
 * checked here (scope, length, hash), before anything is opened, so bad configuration fails at once.
 */
export function apiTokens(env: NodeJS.ProcessEnv, generate: boolean): TokenConfig {
  const configured = parseTokenList(env['PARLEY_API_TOKENS'] ?? '')
  tokenRegistry(configured)
  if (configured.length > 0 || !generate) return { tokens: configured }
  const generated = randomBytes(24).toString('hex')
  return { tokens: [{ scope: 'admin', token: generated }], generated }
}

/**
 * The web chat's signing secret, kept in a file beside the data so that visitors' sessions outlive a
 * restart of `parley dev`. Made on first use, readable by its owner only.
 */
export function storedSecret(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim()
  const secret = randomBytes(32).toString('hex')
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, `${secret}\n`, { mode: 0o600 })
  return secret
}

/** What `parley dev` and `parley start` both run with. */
export interface ServeOptions {
  readonly dir: string
  readonly port: number
  readonly hostname: string
  readonly env: NodeJS.ProcessEnv
  readonly out: Output
  readonly onLog?: (record: NewLogRecord) => void
}
