import { createHmac, timingSafeEqual } from 'node:crypto'
import { ParleyError } from '../errors/parley-error.js'

/** Digest algorithms outside services sign webhooks with. */
export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512'

/** How the service writes the digest into its header. */
export type HmacEncoding = 'hex' | 'base64' | 'base64url'

export interface HmacSignatureOptions {
  /** The shared secret. Several are accepted while one is being rotated: any of them may match. */
  readonly secret: string | readonly string[]
  /** Exactly the bytes that were signed: the raw request body, or the string the service builds from it. */
  readonly payload: string | Uint8Array
  readonly algorithm?: HmacAlgorithm
  readonly encoding?: HmacEncoding
  /** What precedes the digest in the header, such as `sha256=`. */
  readonly prefix?: string
}

export interface VerifyHmacSignatureOptions extends HmacSignatureOptions {
  /** The signature as the request carries it; a missing header (`undefined`) never verifies. */
  readonly signature: string | undefined
}

/**
 * The signature a service following this scheme would send for `payload`: `prefix` then the encoded
 * HMAC digest. Signs with the first secret when several are given.
 *
 * @example
 * signHmac({ secret, payload: body, prefix: 'sha256=' }) // 'sha256=5d41…'
 */
export function signHmac(options: HmacSignatureOptions): string {
  const [secret] = secretsOf(options.secret)
  return sign(options, secret!)
}

/**
 * Whether `signature` is the HMAC of `payload` under the secret (or one of the secrets), compared in
 * constant time so a caller cannot learn the digest byte by byte. Hex digests match in either case.
 *
 * @example
 * // in an integration's webhook handler
 * if (!verifyHmacSignature({ secret: secrets.WEBHOOK_SECRET, payload: req.body, signature: req.headers['x-hub-signature-256'], prefix: 'sha256=' })) {
 *   return { status: 401 }
 * }
 */
export function verifyHmacSignature(options: VerifyHmacSignatureOptions): boolean {
  const { signature } = options
  if (typeof signature !== 'string') return false
  const given = normalized(signature.trim(), options.encoding)
  // Every secret is tried, matching or not, so the time taken does not tell which one matched.
  return secretsOf(options.secret).map((secret) => secretsEqual(given, normalized(sign(options, secret), options.encoding))).includes(true)
}

/**
 * Compares two secrets (tokens, signatures) in constant time for strings of equal length. Unequal
 * lengths answer at once: the length of a digest or token is not the secret.
 */
export function secretsEqual(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given, 'utf8')
  const b = Buffer.from(expected, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}

function sign(options: HmacSignatureOptions, secret: string): string {
  const digest = createHmac(options.algorithm ?? 'sha256', secret).update(options.payload).digest(options.encoding ?? 'hex')
  return `${options.prefix ?? ''}${digest}`
}

function secretsOf(secret: string | readonly string[]): readonly string[] {
  const secrets = (typeof secret === 'string' ? [secret] : secret).filter((s) => typeof s === 'string' && s.length > 0)
  // Without a secret nothing can verify: say so, rather than answer every request 401 with no hint why.
  if (secrets.length === 0) throw new ParleyError('SIGNATURE_SECRET_MISSING', 'no secret to check webhook signatures with: give the shared secret (a non-empty string, or a list of them), usually from the integration\'s secrets')
  return secrets
}

function normalized(signature: string, encoding: HmacEncoding | undefined): string {
  return (encoding ?? 'hex') === 'hex' ? signature.toLowerCase() : signature
}
