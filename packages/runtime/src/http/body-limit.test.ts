import { Agent, request, type IncomingHttpHeaders } from 'node:http'
import type { Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IDLE_CONNECTION_MS } from './server.js'
import { startTestServer, type TestServer } from './testing/test-server.js'

// A body over the limit is answered 413, and the connection it came on still serves the next request: the
// rest of the body is drained first, or, when there is too much of it, the answer says `Connection: close`
// so the client opens a new one. Checked with a keep-alive agent holding one connection.

const LIMIT = 1024 * 1024
let t: TestServer
beforeAll(async () => {
  t = await startTestServer({ bodyLimit: LIMIT })
})
afterAll(() => t.close())

interface Answer {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly socket: Socket
}

function send(agent: Agent, method: string, path: string, options: { body?: Buffer; chunked?: boolean; token?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) }
    if (options.body && !options.chunked) headers['content-length'] = String(options.body.length)
    const outgoing = request(`${t.url}${path}`, { method, agent, headers }, (response) => {
      response.resume()
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, socket: outgoing.socket! }))
    })
    outgoing.on('error', reject)
    if (options.body && options.chunked) for (let at = 0; at < options.body.length; at += 8192) outgoing.write(options.body.subarray(at, at + 8192))
    outgoing.end(options.body && !options.chunked ? options.body : undefined)
  })
}

const rows = (bytes: number) => Buffer.from(JSON.stringify({ rows: [{ title: 'x'.repeat(bytes), score: 1, topic: 't' }] }))

describe('a body over the limit', () => {
  it.each([['with its length declared', false], ['sent in chunks', true]])('(%s) is answered 413 and the connection serves the next request', async (_how, chunked) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const sockets = new Set<Socket>()
    for (let round = 0; round < 30; round++) {
      const refused = await send(agent, 'POST', '/v1/bots/fixture/tables/notes/rows', { body: rows(LIMIT + 1000 * round), chunked, token: t.adminToken })
      expect(refused.status).toBe(413)
      expect(refused.headers.connection).not.toBe('close')
      const next = await send(agent, 'GET', '/health')
      expect(next.status).toBe(200)
      sockets.add(refused.socket).add(next.socket)
    }
    expect(sockets.size).toBe(1)
    agent.destroy()
  })

  it('is answered 413 every time to fetch, which keeps connections alive, and the next request succeeds', async () => {
    for (const size of [1.5 * LIMIT, 3 * LIMIT]) {
      const body = rows(size)
      for (let round = 0; round < 15; round++) {
        const refused = await fetch(`${t.url}/v1/bots/fixture/tables/notes/rows`, { method: 'POST', body, headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' } })
        expect(refused.status).toBe(413)
        await refused.body?.cancel()
        expect((await fetch(`${t.url}/health`)).status).toBe(200)
      }
    }
  })

  it('far over the limit closes its connection deliberately, and the next request gets a new one', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    for (let round = 0; round < 5; round++) {
      // The client may still be sending when the server closes: it then sees the connection end, not the 413.
      const refused = await send(agent, 'POST', '/v1/bots/fixture/tables/notes/rows', { body: rows(LIMIT * 16), token: t.adminToken }).catch((error: NodeJS.ErrnoException) => error.code)
      if (typeof refused === 'object') expect([refused.status, refused.headers.connection]).toEqual([413, 'close'])
      else expect(['ECONNRESET', 'EPIPE']).toContain(refused)
      expect((await send(agent, 'GET', '/health')).status).toBe(200)
    }
    agent.destroy()
  })

  it('left unread by a request refused before its body (no credential) does not break the connection either', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    for (let round = 0; round < 20; round++) {
      expect((await send(agent, 'POST', '/v1/bots/fixture/tables/notes/rows', { body: rows(LIMIT - 100) })).status).toBe(401)
      expect((await send(agent, 'GET', '/health')).status).toBe(200)
    }
    agent.destroy()
  })

  it('served no 500', () => {
    expect(t.serverErrors).toEqual([])
  })
})

describe('an idle connection', () => {
  it(`is kept ${IDLE_CONNECTION_MS / 1000} s, and clients are told so, to close theirs first`, async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const first = await send(agent, 'GET', '/health')
    expect(first.headers['keep-alive']).toBe(`timeout=${IDLE_CONNECTION_MS / 1000}`)
    expect((await send(agent, 'GET', '/health')).socket).toBe(first.socket)
    agent.destroy()
  })
})
