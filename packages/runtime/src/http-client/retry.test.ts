import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createHttpClient } from './http-client.js'
import { ParleyHttpError } from './http-error.js'

// A stand-in server that fails a given number of times first: what proxies and overloaded servers do.

interface Flaky {
  readonly url: string
  readonly hits: () => number
}

let server: Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

async function flaky(failures: number, status: number): Promise<Flaky> {
  let hits = 0
  server = createServer((request, response) => {
    hits += 1
    const failing = hits <= failures
    response.writeHead(failing ? status : 200, { 'content-type': 'application/json' })
    response.end(JSON.stringify(failing ? { error: { code: 'BUSY', message: 'try later' } } : { user: { id: 'usr_1' }, output: { sum: 3 } }))
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits }
}

const clientOf = (url: string) => createHttpClient({ url, token: 't', botId: 'b', retry: { backoffLimitMs: 5 } })

describe('retries', () => {
  it.each([429, 502, 503])('tries a read again after %i', async (status) => {
    const target = await flaky(2, status)
    await expect(clientOf(target.url).getUser({ id: 'usr_1' })).resolves.toMatchObject({ user: { id: 'usr_1' } })
    expect(target.hits()).toBe(3)
  })

  it.each([429, 503])('tries a call that changes things again after %i, which says it was not taken on', async (status) => {
    const target = await flaky(1, status)
    await expect(clientOf(target.url).callAction({ type: 'add', input: {} })).resolves.toEqual({ sum: 3 })
    expect(target.hits()).toBe(2)
  })

  it('does not repeat a call that changes things after a 502, which may come after the work was done', async () => {
    const target = await flaky(1, 502)
    await expect(clientOf(target.url).callAction({ type: 'add', input: {} })).rejects.toMatchObject({ status: 502, code: 'BUSY' })
    expect(target.hits()).toBe(1)
  })

  it('gives up after the limit with the last error', async () => {
    const target = await flaky(10, 503)
    const error = await clientOf(target.url).getUser({ id: 'usr_1' }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ParleyHttpError)
    expect(error).toMatchObject({ status: 503, code: 'BUSY', message: 'try later' })
    expect(target.hits()).toBe(4)
  })
})

describe('errors', () => {
  it('says when the server cannot be reached', async () => {
    const target = await flaky(0, 200)
    await new Promise<void>((resolve) => server!.close(() => resolve()))
    server = undefined
    await expect(clientOf(target.url).callAction({ type: 'add', input: {} })).rejects.toMatchObject({ status: 0, code: 'SERVER_UNREACHABLE', message: expect.stringContaining(target.url) })
  })
})
