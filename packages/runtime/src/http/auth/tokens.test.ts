import { describe, expect, it } from 'vitest'
import { hashToken, parseTokenList, tokenRegistry } from './tokens.js'
import { webchatKeys } from './webchat-keys.js'

const secret = 'a'.repeat(32)

describe('API token configuration', () => {
  it('reads scope=token entries, plain or hashed', () => {
    const entries = parseTokenList(`admin=${secret}, bot:support=${hashToken('b'.repeat(32))}\nbot:sales=${'c'.repeat(20)}`)
    const registry = tokenRegistry(entries)
    expect(registry.size).toBe(3)
    expect(registry.find(secret)).toEqual({ kind: 'admin' })
    expect(registry.find('b'.repeat(32))).toEqual({ kind: 'bot', botId: 'support' })
    expect(registry.find('c'.repeat(20))).toEqual({ kind: 'bot', botId: 'sales' })
    expect(registry.find('d'.repeat(32))).toBeUndefined()
  })

  it('names the entry at fault by position, never showing the token', () => {
    expect(() => tokenRegistry(parseTokenList(`admin=${secret},owner=${secret}`))).toThrow(/entry 2 has scope "owner"; use admin .* or bot:<botId>/)
    expect(() => tokenRegistry(parseTokenList('admin=short'))).toThrow(/entry 1 needs a token of at least 16 characters/)
    expect(() => parseTokenList(secret)).toThrow(/entry 1 is not "scope=token"/)
    expect(() => tokenRegistry([{ scope: 'admin', hash: 'sha256:nothex' }])).toThrow(/entry 1 has a hash that is not sha256/)
    try {
      tokenRegistry(parseTokenList(`owner=${secret}`))
    } catch (error) {
      expect((error as Error).message).not.toContain(secret)
      expect(error).toMatchObject({ code: 'HTTP_CONFIG_INVALID' })
    }
  })
})

describe('web chat user keys', () => {
  const grant = { botId: 'support', userId: 'usr_1', conversationId: 'conv_1' }
  const day = 24 * 60 * 60 * 1000

  /** Keys read and issued at a time the test sets. */
  function keysAt(start: number, ttlMs = day) {
    let now = start
    const keys = webchatKeys(secret, { ttlMs, now: () => now })
    return { keys, later: (ms: number) => void (now += ms) }
  }

  it('carry the grant they were issued for', () => {
    const { keys } = keysAt(Date.now())
    expect(keys.verify(keys.issue(grant))).toEqual({ grant, expired: false })
  })

  it('expire once their time is up, and only then', () => {
    const { keys, later } = keysAt(1_700_000_000_000)
    const key = keys.issue(grant)
    later(day - 1)
    expect(keys.verify(key)).toEqual({ grant, expired: false })
    later(1)
    expect(keys.verify(key)).toEqual({ grant, expired: true })
  })

  it('are refused when signed with another secret, changed, malformed, or of the form that never expired', () => {
    const { keys } = keysAt(Date.now())
    const key = keys.issue(grant)
    const [version, , signature] = key.split('.')
    const other = Buffer.from(JSON.stringify(['support', 'usr_2', 'conv_1', Date.now() + day])).toString('base64url')
    expect(webchatKeys('b'.repeat(32), { ttlMs: day }).verify(key)).toBeUndefined()
    expect(keys.verify(`${version}.${other}.${signature}`)).toBeUndefined()
    expect(keys.verify('wc1.e30')).toBeUndefined()
    expect(keys.verify('')).toBeUndefined()
  })

  it('refuse a lifetime that is not a positive whole number of milliseconds', () => {
    for (const ttlMs of [0, -1, 1.5, Number.POSITIVE_INFINITY]) {
      expect(() => webchatKeys(secret, { ttlMs })).toThrow(expect.objectContaining({ code: 'HTTP_CONFIG_INVALID', message: expect.stringContaining('webchatKeyTtlMs') }))
    }
  })
})
