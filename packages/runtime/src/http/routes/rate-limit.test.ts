import { describe, expect, it } from 'vitest'
import { rateLimiter } from './rate-limit.js'

describe('the rate limit of public plugin routes', () => {
  it('allows a number of requests per caller each minute, each caller on its own', () => {
    let time = 0
    const limiter = rateLimiter(3, () => time)
    expect([1, 2, 3, 4].map(() => limiter.allow('plugin\u0000a'))).toEqual([true, true, true, false])
    expect(limiter.allow('plugin\u0000b')).toBe(true)
    time = 60_000
    expect(limiter.allow('plugin\u0000a')).toBe(true)
  })

  it('remembers a bounded number of callers', () => {
    const limiter = rateLimiter(1, () => 0)
    for (let i = 0; i < 20_000; i++) limiter.allow(`caller-${i}`)
    // The first callers were forgotten to make room: they start a new window.
    expect(limiter.allow('caller-0')).toBe(true)
    expect(limiter.allow('caller-19999')).toBe(false)
  })
})
