import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest'
import { createHttpClient } from '../http-client/http-client.js'
import { testDrivers } from '../storage/testing/test-databases.js'
import { startTestServer, type TestServer, type TestServerOptions } from './testing/test-server.js'
import { versionedStatesHost } from './testing/versioned-states.js'

// States over HTTP carry their version: responses send it as the ETag, writes honour If-Match (412 on a
// stale version, nothing written), and the HTTP client's `updateState` retries until no update is lost.
// The same suite runs against a client keeping the versioning contract in memory, and against the
// runtime on each database once its states carry versions.

const targets: readonly (readonly [string, TestServerOptions])[] = [
  ['a client keeping the versioning contract', { hostOf: versionedStatesHost }],
  ...testDrivers().map((driver) => [`the runtime on ${driver.name}`, { driver }] as const),
]

const notebook = '/v1/bots/fixture/states/bot/fixture/notebook'
const counter = '/v1/bots/fixture/states/bot/fixture/counter:seen'
/** Writers racing with plain requests (the `updateState` test races a hundred on the same path). */
const RAW_WRITERS = 20

describe.each(targets)('state versions over HTTP, served by %s', (_name, options) => {
  let t: TestServer
  let versioned = false
  beforeAll(async () => {
    t = await startTestServer(options)
    const { state } = await t.host.bot('fixture')!.client.setState({ type: 'bot', id: 'fixture', name: 'notebook', payload: { data: 'probe' } })
    versioned = typeof (state as { version?: unknown }).version === 'number'
    await t.host.bot('fixture')!.client.deleteState({ type: 'bot', id: 'fixture', name: 'notebook' })
  })
  afterAll(() => t?.close())

  /** Storage without versions has nothing to send or compare; these tests then wait for it. */
  const needsVersions = (context: TestContext) => {
    if (!versioned) context.skip()
  }

  async function send(method: string, path: string, { body, ifMatch }: { body?: unknown; ifMatch?: string } = {}) {
    const headers: Record<string, string> = { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' }
    if (ifMatch !== undefined) headers['if-match'] = ifMatch
    const response = await fetch(`${t.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await response.text()
    return { status: response.status, etag: response.headers.get('etag'), body: text ? JSON.parse(text) : undefined }
  }

  const write = (data: unknown, ifMatch?: string) => send('PUT', notebook, { body: { payload: { data } }, ...(ifMatch === undefined ? {} : { ifMatch }) })
  const read = () => send('GET', notebook)

  it('sends the version of every state it answers with as the ETag', async (context) => {
    needsVersions(context)
    await send('DELETE', notebook)
    const created = await write('one')
    expect(created).toMatchObject({ status: 200, etag: '"1"', body: { state: { version: 1, payload: { data: 'one' } } } })
    expect(await write('two')).toMatchObject({ etag: '"2"', body: { state: { version: 2 } } })
    expect(await read()).toMatchObject({ status: 200, etag: '"2"', body: { state: { version: 2, payload: { data: 'two' } } } })
    expect(await send('PATCH', notebook, { body: { payload: { data: 'three' } } })).toMatchObject({ etag: '"3"' })
    expect(await send('POST', `${notebook}/get-or-set`, { body: { payload: { data: 'ignored' } } })).toMatchObject({ etag: '"3"', body: { state: { payload: { data: 'three' } } } })
  })

  it('writes over the version If-Match names, and answers 412 for a stale one without writing', async (context) => {
    needsVersions(context)
    await send('DELETE', notebook)
    const { etag } = await write('first')
    expect(await write('second', etag!)).toMatchObject({ status: 200, etag: '"2"' })
    const stale = await write('lost', etag!)
    expect(stale).toMatchObject({ status: 412, body: { error: { code: 'STATE_VERSION_CONFLICT' } } })
    expect(await read()).toMatchObject({ etag: '"2"', body: { state: { payload: { data: 'second' } } } })
  })

  it('takes a list of versions, or * for "it exists"; weak tags and other tags never match', async (context) => {
    needsVersions(context)
    await send('DELETE', notebook)
    expect(await write('absent', '*')).toMatchObject({ status: 412, body: { error: { code: 'STATE_VERSION_CONFLICT', message: expect.stringContaining('absent') } } })
    expect(await read()).toMatchObject({ status: 404 })
    await write('v1')
    expect(await write('v2', '*')).toMatchObject({ status: 200, etag: '"2"' })
    expect(await write('v3', '"7", "2", "9"')).toMatchObject({ status: 200, etag: '"3"' })
    expect(await write('no', '"1", "2"')).toMatchObject({ status: 412 })
    expect(await write('no', 'W/"3"')).toMatchObject({ status: 412 })
    expect(await write('no', '"three"')).toMatchObject({ status: 412 })
    expect(await read()).toMatchObject({ body: { state: { version: 3, payload: { data: 'v3' } } } })
  })

  it('refuses an If-Match that is not entity tags, naming the header', async () => {
    const answer = await write('x', 'three')
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'REQUEST_INVALID', issues: [{ path: 'header.if-match' }] } } })
  })

  it('honours If-Match on PATCH and DELETE', async (context) => {
    needsVersions(context)
    await send('DELETE', notebook)
    await write('base')
    expect(await send('PATCH', notebook, { body: { payload: { data: 'patched' } }, ifMatch: '"9"' })).toMatchObject({ status: 412 })
    expect(await send('PATCH', notebook, { body: { payload: { data: 'patched' } }, ifMatch: '"1"' })).toMatchObject({ status: 200, etag: '"2"' })
    expect(await send('DELETE', notebook, { ifMatch: '"1"' })).toMatchObject({ status: 412 })
    expect(await read()).toMatchObject({ status: 200 })
    expect(await send('DELETE', notebook, { ifMatch: '"2"' })).toMatchObject({ status: 204 })
    expect(await read()).toMatchObject({ status: 404 })
  })

  it("sends the HTTP client's ifVersion as If-Match", async (context) => {
    needsVersions(context)
    const client = createHttpClient({ url: t.url, token: t.botToken, botId: 'fixture' })
    const key = { type: 'bot', id: 'fixture', name: 'notebook' } as const
    const { state } = await client.setState({ ...key, payload: { data: 'mine' } })
    const version = (state as { version: number }).version
    await client.setState({ ...key, payload: { data: 'next' }, ifVersion: version } as never)
    await expect(client.setState({ ...key, payload: { data: 'stale' }, ifVersion: version } as never)).rejects.toMatchObject({ status: 412, code: 'STATE_VERSION_CONFLICT' })
    await expect(client.deleteState({ ...key, ifVersion: version } as never)).rejects.toMatchObject({ code: 'STATE_VERSION_CONFLICT' })
    expect((await client.getState(key)).state.payload).toEqual({ data: 'next' })
  })

  it("loses none of 100 concurrent updates through the HTTP client's updateState", async (context) => {
    needsVersions(context)
    await send('DELETE', counter)
    const clients = Array.from({ length: 4 }, () => createHttpClient({ url: t.url, token: t.botToken, botId: 'fixture' }))
    const key = { type: 'bot', id: 'fixture', name: 'counter:seen' } as const
    const increment = (payload: Record<string, unknown>) => ({ count: (payload['count'] as number) + 1 })
    await Promise.all(Array.from({ length: 100 }, (_, i) => clients[i % 4]!.updateState({ ...key, default: { count: 0 }, update: increment })))
    expect((await clients[0]!.getState(key)).state).toMatchObject({ payload: { count: 100 } })
  })

  it('starts updateState from the default when the state is absent, and says STATE_NOT_FOUND without one', async (context) => {
    needsVersions(context)
    const client = createHttpClient({ url: t.url, token: t.botToken, botId: 'fixture' })
    const key = { type: 'bot', id: 'fixture', name: 'notebook' } as const
    await send('DELETE', notebook)
    await expect(client.updateState({ ...key, update: (payload) => payload })).rejects.toMatchObject({ code: 'STATE_NOT_FOUND' })
    const { state } = await client.updateState({ ...key, default: { data: [] }, update: ({ data }) => ({ data: [...(data as unknown[]), 'added'] }) })
    expect(state.payload).toEqual({ data: ['added'] })
  })

  // Twenty raw writers, not a hundred: each round of a race costs every writer still in it a read and a
  // write, so the requests grow with the square of the writers (a hundred took most of this file's time).
  // A hundred concurrent writers through this same PUT with If-Match are the `updateState` test above.
  it(`loses none of ${RAW_WRITERS} writers that read, write with If-Match and retry on 412`, async (context) => {
    needsVersions(context)
    await send('DELETE', counter)
    await send('PUT', counter, { body: { payload: { count: 0 } } })
    const increment = async (): Promise<void> => {
      for (;;) {
        const { etag, body } = await send('GET', counter)
        const written = await send('PUT', counter, { body: { payload: { count: body.state.payload.count + 1 } }, ifMatch: etag! })
        if (written.status === 200) return
        expect(written.status).toBe(412)
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20))
      }
    }
    await Promise.all(Array.from({ length: RAW_WRITERS }, increment))
    expect(await send('GET', counter)).toMatchObject({ body: { state: { payload: { count: RAW_WRITERS } } } })
  })

  it('served no 500', () => {
    expect(t.serverErrors).toEqual([])
  })
})
