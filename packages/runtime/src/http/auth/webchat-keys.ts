import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { HttpConfigError } from '../errors/http-errors.js'

/** What a web chat user key allows: one user of one bot, in one conversation. */
export interface WebchatGrant {
  readonly botId: string
  readonly userId: string
  readonly conversationId: string
}

/** A key this server signed: what it grants, and whether it is past its expiry. */
export interface VerifiedKey {
  readonly grant: WebchatGrant
  readonly expired: boolean
}

export interface WebchatKeys {
  /** A key for the grant, good for the configured time from now. */
  issue(grant: WebchatGrant): string
  /** What a key grants, or `undefined` when it was not issued with this secret or is malformed. */
  verify(key: string): VerifiedKey | undefined
}

export interface WebchatKeyOptions {
  /** How long a key is good for, in milliseconds. */
  readonly ttlMs: number
  /** The time in milliseconds; `Date.now` by default. */
  readonly now?: () => number
}

const VERSION = 'wc2'

/** A secret for keys that need not outlive the process. */
export function randomWebchatSecret(): string {
  return randomBytes(32).toString('hex')
}

/**
 * Keys are signed, not stored: `wc2.<grant and expiry>.<HMAC-SHA256 of both>`, base64url. Anyone holding
 * the secret can issue them, so it is as sensitive as an admin token. A key names the time it expires,
 * so a leaked one stops working by itself; keys of the older `wc1` form, which never expired, are refused.
 */
export function webchatKeys(secret: string, options: WebchatKeyOptions): WebchatKeys {
  checkTtl(options.ttlMs)
  const now = options.now ?? Date.now
  const sign = (body: string) => createHmac('sha256', secret).update(`${VERSION}.${body}`).digest('base64url')
  return {
    issue: (grant) => {
      const body = Buffer.from(JSON.stringify([grant.botId, grant.userId, grant.conversationId, now() + options.ttlMs])).toString('base64url')
      return `${VERSION}.${body}.${sign(body)}`
    },
    verify: (key) => {
      const [version, body, signature, ...rest] = key.split('.')
      if (version !== VERSION || !body || !signature || rest.length > 0 || !sameText(signature, sign(body))) return undefined
      return readKey(body, now())
    },
  }
}

function checkTtl(ttlMs: number): void {
  if (Number.isSafeInteger(ttlMs) && ttlMs > 0) return
  throw new HttpConfigError(`webchatKeyTtlMs ${ttlMs} is not allowed; give how long a web chat key is good for as a positive whole number of milliseconds`)
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

function readKey(body: string, now: number): VerifiedKey | undefined {
  try {
    const [botId, userId, conversationId, expiresAt] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown[]
    if (![botId, userId, conversationId].every((part) => typeof part === 'string' && part) || typeof expiresAt !== 'number') return undefined
    return { grant: { botId, userId, conversationId } as WebchatGrant, expired: now >= expiresAt }
  } catch {
    return undefined
  }
}
