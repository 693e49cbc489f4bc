import { createHash } from 'node:crypto'
import { HttpConfigError } from '../errors/http-errors.js'

/** What a token may reach: every bot, or one. */
export type TokenScope = { readonly kind: 'admin' } | { readonly kind: 'bot'; readonly botId: string }

/**
 * A configured API token and its scope (`admin` or `bot:<id>`). Give either the token itself or its hash
 * (`sha256:<hex>`, from {@link hashToken}), so configuration kept on disk need not hold the secret.
 */
export interface TokenEntry {
  readonly scope: string
  readonly token?: string
  readonly hash?: string
}

/** The configured tokens, kept as hashes only. */
export interface TokenRegistry {
  readonly size: number
  find(token: string): TokenScope | undefined
}

const HASH = /^sha256:[0-9a-f]{64}$/
const MIN_TOKEN_LENGTH = 16

/** `sha256:<hex>` of a token: what configuration may hold instead of the token. */
export function hashToken(token: string): string {
  return `sha256:${createHash('sha256').update(token, 'utf8').digest('hex')}`
}

export function tokenRegistry(entries: readonly TokenEntry[]): TokenRegistry {
  const scopes = new Map(entries.map((entry, index) => [entryHash(entry, index), parseScope(entry.scope, index)]))
  return { size: scopes.size, find: (token) => scopes.get(hashToken(token)) }
}

export function covers(scope: TokenScope, botId: string): boolean {
  return scope.kind === 'admin' || scope.botId === botId
}

export function describeScope(scope: TokenScope): string {
  return scope.kind === 'admin' ? 'admin' : `bot:${scope.botId}`
}

/**
 * Tokens from the text of `PARLEY_API_TOKENS`: entries `scope=token` separated by commas or white space,
 * such as `admin=3f9c…,bot:support=sha256:8e1a…`. Tokens are high-entropy secrets, so a plain hash is
 * enough to keep them out of configuration.
 */
export function parseTokenList(text: string): TokenEntry[] {
  return text.split(/[\s,]+/).filter(Boolean).map(parseEntry)
}

function parseEntry(entry: string, index: number): TokenEntry {
  const at = entry.indexOf('=')
  if (at < 1) throw configError(index, 'is not "scope=token"; write it like admin=<token> or bot:<botId>=<token>')
  const scope = entry.slice(0, at)
  const secret = entry.slice(at + 1)
  return secret.startsWith('sha256:') ? { scope, hash: secret } : { scope, token: secret }
}

function entryHash(entry: TokenEntry, index: number): string {
  if (entry.hash !== undefined) {
    if (!HASH.test(entry.hash)) throw configError(index, 'has a hash that is not sha256: followed by 64 lowercase hex digits')
    return entry.hash
  }
  if (entry.token === undefined || entry.token.length < MIN_TOKEN_LENGTH) {
    throw configError(index, `needs a token of at least ${MIN_TOKEN_LENGTH} characters (openssl rand -hex 32 makes one)`)
  }
  return hashToken(entry.token)
}

function parseScope(scope: string, index: number): TokenScope {
  if (scope === 'admin') return { kind: 'admin' }
  if (scope.startsWith('bot:') && scope.length > 4) return { kind: 'bot', botId: scope.slice(4) }
  throw configError(index, `has scope "${scope}"; use admin (every bot) or bot:<botId> (one bot)`)
}

/** Names the entry by position only: its text may be a secret. */
function configError(index: number, problem: string): HttpConfigError {
  return new HttpConfigError(`API token entry ${index + 1} ${problem}`)
}
