import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { isPrivateAddress } from './address-guard.js'
import { CIRCUIT_FAILURES, CIRCUIT_OPEN_MS, createCircuits, createLimiter } from './circuits.js'
import { postJson } from './http-post.js'

describe('where app webhooks may point', () => {
  it('refuses loopback, private, link-local and mapped addresses, and lets public ones through', () => {
    const refused = ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '[::1]', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::']
    expect(refused.filter((address) => !isPrivateAddress(address))).toEqual([])
    expect(['8.8.8.8', '1.1.1.1', '2606:4700::1111', 'example.com'].filter(isPrivateAddress)).toEqual([])
  })

  it('refuses a name that resolves to a private address when the request is made', async () => {
    const url = new URL('http://localhost:9/hook')
    await expect(postJson(url, '{}', { headers: {}, timeoutMs: 15_000, allowPrivate: false, signal: new AbortController().signal })).rejects.toThrow(/private address/)
  })
})

describe('circuits', () => {
  it(`open after ${CIRCUIT_FAILURES} failures in a row for ${CIRCUIT_OPEN_MS / 1000} s, per URL; a success closes them`, () => {
    const circuits = createCircuits()
    const now = new Date('2030-01-01T00:00:00Z')
    for (let i = 0; i < CIRCUIT_FAILURES - 1; i++) circuits.failed('a', now)
    expect(circuits.openUntil('a', now)).toBeUndefined()
    circuits.failed('a', now)
    expect(circuits.openUntil('a', now)).toEqual(new Date(now.getTime() + CIRCUIT_OPEN_MS))
    expect(circuits.openUntil('b', now)).toBeUndefined()
    expect(circuits.openUntil('a', new Date(now.getTime() + CIRCUIT_OPEN_MS))).toBeUndefined()
    circuits.failed('a', now) // the one let through after the wait fails: open again
    expect(circuits.openUntil('a', now)).toBeDefined()
    circuits.succeeded('a')
    expect(circuits.openUntil('a', now)).toBeUndefined()
  })

  it('let at most the limit of requests run at once to one URL', async () => {
    const limiter = createLimiter(2)
    let running = 0
    let most = 0
    const releases: (() => void)[] = []
    const work = () => limiter.run('u', async () => {
      most = Math.max(most, ++running)
      await new Promise<void>((resolve) => releases.push(resolve))
      running--
    })
    const all = Promise.all([work(), work(), work(), work(), limiter.run('other', async () => 'free')])
    for (let released = 0; released < 4;) {
      await new Promise((resolve) => setImmediate(resolve))
      const next = releases.shift()
      if (next) (next(), released++)
    }
    expect(most).toBe(2)
    await all
  })
})

describe('posting to an app', () => {
  it('gives up after the timeout on an app that never answers', async () => {
    const server = createServer(() => {}) // accepts and never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
    await expect(postJson(url, '{}', { headers: {}, timeoutMs: 50, allowPrivate: true, signal: new AbortController().signal })).rejects.toThrow('no answer within 0.05 s')
    server.closeAllConnections()
    server.close()
  })
})

describe('an app that answers at length', () => {
  it('is read no further than 64 KiB, and its answer counts as one without a reply', async () => {
    const server = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = 'x'.repeat(16 * 1024)
      const write = () => (res.destroyed ? undefined : res.write(chunk) ? setImmediate(write) : res.once('drain', write))
      write()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
    expect(await postJson(url, '{}', { headers: {}, timeoutMs: 15_000, allowPrivate: true, signal: new AbortController().signal })).toEqual({ status: 200, body: '' })
    server.closeAllConnections()
    server.close()
  })
})
