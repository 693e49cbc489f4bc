import { createHmac } from 'node:crypto'
import { secretsEqual } from '../implementation/webhook-signature.js'

/** The header every delivery to an external app carries. */
export const APP_SIGNATURE_HEADER = 'X-Parley-Signature'

/** How far a delivery's timestamp may be from the receiver's clock before it is refused as a replay. */
export const APP_SIGNATURE_TOLERANCE_SECONDS = 300

export interface SignAppRequestOptions {
  /** The app's secrets, newest first: while one is rotated out, both sign, so a receiver holding either verifies. */
  readonly secrets: readonly string[]
  /** The user id the delivery is for, as sent in `?uid=`. */
  readonly uid: string
  /** Exactly the bytes of the request body. */
  readonly body: string
  /** Seconds since the epoch. */
  readonly timestamp: number
}

/**
 * The value of `X-Parley-Signature` for a delivery: `t=<unix>,v1=<hex>` with one `v1` per secret, each
 * the HMAC-SHA256 of `"<t>.<uid>.<body>"`. The uid is signed so a body cannot be replayed for another user.
 */
export function signAppRequest(options: SignAppRequestOptions): string {
  const signed = `${options.timestamp}.${options.uid}.${options.body}`
  const digests = options.secrets.map((secret) => `v1=${createHmac('sha256', secret).update(signed).digest('hex')}`)
  return [`t=${options.timestamp}`, ...digests].join(',')
}

export interface VerifyAppRequestOptions {
  /** The header as received; missing never verifies. */
  readonly header: string | undefined | null
  /** The app's secret, or its old and new secrets while rotating. */
  readonly secret: string | readonly string[]
  readonly uid: string
  /** The raw body, before any JSON parsing. */
  readonly body: string
  /** Seconds since the epoch; the receiver's clock by default. */
  readonly now?: number
  readonly toleranceSeconds?: number
}

/**
 * Whether a delivery to an external app is genuine and fresh: its timestamp within the tolerance (300 s)
 * of `now`, and one of its `v1` digests made with one of the secrets. Compared in constant time.
 *
 * @example
 * const ok = verifyAppRequest({ header: req.headers['x-parley-signature'], secret: process.env.APP_SECRET!, uid, body: rawBody })
 */
export function verifyAppRequest(options: VerifyAppRequestOptions): boolean {
  const parsed = parseHeader(options.header)
  if (!parsed) return false
  const now = options.now ?? Math.floor(Date.now() / 1000)
  if (Math.abs(now - parsed.timestamp) > (options.toleranceSeconds ?? APP_SIGNATURE_TOLERANCE_SECONDS)) return false
  const secrets = (typeof options.secret === 'string' ? [options.secret] : options.secret).filter((secret) => secret.length > 0)
  const expected = secrets.map((secret) => signAppRequest({ secrets: [secret], uid: options.uid, body: options.body, timestamp: parsed.timestamp }).split(',v1=')[1]!)
  // Every pair is compared, so the time taken does not tell which matched.
  return expected.flatMap((digest) => parsed.digests.map((given) => secretsEqual(given.toLowerCase(), digest))).includes(true)
}

function parseHeader(header: string | undefined | null): { timestamp: number; digests: string[] } | undefined {
  if (typeof header !== 'string' || header.length > 2048) return undefined
  const parts = header.split(',').map((part) => part.trim().split('='))
  const t = parts.find(([key]) => key === 't')?.[1]
  const digests = parts.filter(([key, value]) => key === 'v1' && value !== undefined).map(([, value]) => value!)
  if (t === undefined || !/^\d{1,12}$/.test(t) || digests.length === 0) return undefined
  return { timestamp: Number(t), digests }
}
