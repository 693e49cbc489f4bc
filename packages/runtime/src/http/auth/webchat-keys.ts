import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** What a web chat user key allows: one user of one bot, in one conversation. */
export interface WebchatGrant {
  readonly botId: string
  readonly userId: string
  readonly conversationId: string
}

export interface WebchatKeys {
  issue(grant: WebchatGrant): string
  /** The grant a key carries, or `undefined` when it was not issued with this secret or is malformed. */
  verify(key: string): WebchatGrant | undefined
}

const VERSION = 'wc1'

/** A secret for keys that need not outlive the process. */
export function randomWebchatSecret(): string {
  return randomBytes(32).toString('hex')
}

/**
 * Keys are signed, not stored: `wc1.<grant>.<HMAC-SHA256 of both>`, base64url. Anyone holding the secret
 * can issue them, so it is as sensitive as an admin token.
 */
export function webchatKeys(secret: string): WebchatKeys {
  const sign = (body: string) => createHmac('sha256', secret).update(`${VERSION}.${body}`).digest('base64url')
  return {
    issue: (grant) => {
      const body = Buffer.from(JSON.stringify([grant.botId, grant.userId, grant.conversationId])).toString('base64url')
      return `${VERSION}.${body}.${sign(body)}`
    },
    verify: (key) => {
      const [version, body, signature, ...rest] = key.split('.')
      if (version !== VERSION || !body || !signature || rest.length > 0 || !sameText(signature, sign(body))) return undefined
      return readGrant(body)
    },
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

function readGrant(body: string): WebchatGrant | undefined {
  try {
    const [botId, userId, conversationId] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown[]
    const all = [botId, userId, conversationId]
    return all.every((part) => typeof part === 'string' && part) ? { botId, userId, conversationId } as WebchatGrant : undefined
  } catch {
    return undefined
  }
}
