import { describe, expect, it } from 'vitest'
import { ParleyError } from '../errors/parley-error.js'
import { secretsEqual, signHmac, verifyHmacSignature } from './webhook-signature.js'

// Published test vectors: RFC 4231 case 2 (SHA-256), RFC 2202 case 2 (SHA-1), and GitHub's webhook docs.
const rfc = { secret: 'Jefe', payload: 'what do ya want for nothing?' }
const rfcSha256 = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'
const rfcSha1 = 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79'
const github = { secret: "It's a Secret to Everybody", payload: 'Hello, World!', prefix: 'sha256=' }
const githubSignature = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'

describe('HMAC webhook signatures', () => {
  it('sign as the published vectors say', () => {
    expect(signHmac(rfc)).toBe(rfcSha256)
    expect(signHmac({ ...rfc, algorithm: 'sha1' })).toBe(rfcSha1)
    expect(signHmac(github)).toBe(githubSignature)
    expect(signHmac({ ...rfc, encoding: 'base64' })).toBe(Buffer.from(rfcSha256, 'hex').toString('base64'))
  })

  it('verify a good signature, in either hex case, from a string or the raw bytes', () => {
    expect(verifyHmacSignature({ ...github, signature: githubSignature })).toBe(true)
    expect(verifyHmacSignature({ ...github, signature: githubSignature.toUpperCase().replace('SHA256=', 'sha256=') })).toBe(true)
    expect(verifyHmacSignature({ ...github, payload: Buffer.from(github.payload), signature: ` ${githubSignature}\n` })).toBe(true)
    expect(verifyHmacSignature({ ...rfc, algorithm: 'sha1', signature: rfcSha1 })).toBe(true)
  })

  it('refuse a signature of another body, secret, algorithm or prefix, and a missing or empty one', () => {
    const refused = [
      { ...github, payload: 'Hello, World?', signature: githubSignature },
      { ...github, secret: 'another secret', signature: githubSignature },
      { ...github, algorithm: 'sha512' as const, signature: githubSignature },
      { ...github, prefix: '', signature: githubSignature },
      { ...github, signature: githubSignature.slice(0, -2) },
      { ...github, signature: undefined },
      { ...github, signature: '' },
      { ...github, signature: 'sha256=' + 'z'.repeat(64) },
      { ...github, signature: '\u0000'.repeat(71) },
    ]
    expect(refused.map((options) => verifyHmacSignature(options))).toEqual(refused.map(() => false))
  })

  it('base64 signatures are compared exactly', () => {
    const signature = signHmac({ ...rfc, encoding: 'base64' })
    expect(verifyHmacSignature({ ...rfc, encoding: 'base64', signature })).toBe(true)
    expect(verifyHmacSignature({ ...rfc, encoding: 'base64', signature: signature.toLowerCase() })).toBe(false)
  })

  it('accept either secret while one is rotated, and sign with the first', () => {
    const signature = signHmac({ ...github, secret: ['new secret', github.secret] })
    expect(verifyHmacSignature({ ...github, secret: ['new secret'], signature })).toBe(true)
    expect(verifyHmacSignature({ ...github, secret: ['new secret', github.secret], signature: githubSignature })).toBe(true)
    expect(verifyHmacSignature({ ...github, secret: ['new secret', 'newer secret'], signature: githubSignature })).toBe(false)
  })

  it('say plainly when there is no secret to check with', () => {
    for (const secret of ['', [], ['']]) {
      expect(() => verifyHmacSignature({ ...github, secret, signature: githubSignature })).toThrow(ParleyError)
    }
    expect(() => verifyHmacSignature({ ...github, secret: '', signature: githubSignature })).toThrow(/no secret to check webhook signatures with/)
  })

  it('compare secrets of unequal length or missing as different', () => {
    expect(secretsEqual('token-1', 'token-1')).toBe(true)
    expect(secretsEqual('token-1', 'token-2')).toBe(false)
    expect(secretsEqual('token', 'token-1')).toBe(false)
    expect(secretsEqual(undefined, 'token-1')).toBe(false)
    expect(secretsEqual('tökén', 'tökén')).toBe(true)
  })
})
