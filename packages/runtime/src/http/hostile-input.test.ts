import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIMITS } from '../guards/index.js'
import { testDrivers } from '../storage/testing/test-databases.js'
import { startTestServer, type TestServer } from './testing/test-server.js'

// What an attacker, or a careless client, sends: prototype keys, text the database cannot store, numbers
// out of range, lists and nesting out of bounds. Each is a 400 naming the field, on both databases, and
// the server stays healthy after every one of them.

const bot = '/v1/bots/fixture'

interface Answer {
  readonly status: number
  readonly body: { error?: { code: string; message: string; issues?: { path: string; message: string }[] } } & Record<string, unknown>
}

describe.each(testDrivers().map((driver) => [driver.name, driver] as const))('hostile input over HTTP on %s', (_name, driver) => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer({ driver })
  })
  afterAll(() => t?.close())

  async function call(method: string, path: string, body?: unknown): Promise<Answer> {
    const init = { method, headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) }
    const response = await fetch(`${t.url}${path}`, init)
    const text = await response.text()
    return { status: response.status, body: text ? JSON.parse(text) : {} }
  }

  /** A 400 whose issues name `field` (and whose code is the given one). */
  async function refused(answer: Promise<Answer>, field: string, code = 'REQUEST_INVALID') {
    const { status, body } = await answer
    expect({ status, code: body.error?.code }).toEqual({ status: 400, code })
    expect(JSON.stringify(body.error)).toContain(field)
  }

  async function newUser(): Promise<string> {
    return ((await call('POST', `${bot}/users`, {})).body['user'] as { id: string }).id
  }

  describe('prototype keys', () => {
    it('in a query are refused by name and reach no prototype; bodies still work afterwards', async () => {
      await refused(call('GET', '/health?__proto__[x]=1'), 'query.__proto__[x]')
      await refused(call('GET', `${bot}/users?constructor[prototype][x]=1`), 'query.constructor[prototype][x]')
      await refused(call('GET', `${bot}/users?__proto__=1`), 'query.__proto__')
      await refused(call('GET', `${bot}/users?tags[__proto__]=x`), 'query.tags[__proto__]')
      await refused(call('GET', `${bot}/users?tags[constructor]=x`), 'query.tags[constructor]')
      expect(Object.keys(Object.prototype)).toEqual([])
      expect(({} as Record<string, unknown>)['x']).toBeUndefined()
      expect((await call('POST', `${bot}/users`, { name: 'after' })).status).toBe(200)
    })

    it('as tag names are refused, naming the tag', async () => {
      await refused(call('POST', `${bot}/users`, '{"tags":{"__proto__":"x"}}'), 'body.tags.__proto__')
      await refused(call('POST', `${bot}/conversations`, { tags: { constructor: 'x' } }), 'body.tags.constructor')
      await refused(call('POST', `${bot}/messages`, { conversationId: 'c', type: 'text', payload: { text: 'x' }, tags: { prototype: 'x' } }), 'body.tags.prototype')
    })

    it('as state and table names are refused; other names of Object.prototype are unknown names', async () => {
      const user = await newUser()
      for (const name of ['__proto__', 'constructor', 'prototype']) {
        await refused(call('GET', `${bot}/states/bot/fixture/${name}`), 'path.name')
        await refused(call('POST', `${bot}/tables/${name}/rows/find`, {}), 'path.table')
      }
      for (const name of ['toString', 'hasOwnProperty', 'valueOf']) {
        await refused(call('GET', `${bot}/states/user/${user}/${name}`), name, 'NAME_UNKNOWN')
        await refused(call('PUT', `${bot}/states/user/${user}/${name}`, { payload: {} }), name, 'NAME_UNKNOWN')
        await refused(call('POST', `${bot}/tables/${name}/rows/find`, {}), name, 'NAME_UNKNOWN')
        await refused(call('POST', `${bot}/actions/call`, { type: name, input: {} }), name, 'NAME_UNKNOWN')
        await refused(call('POST', `${bot}/events`, { type: name, payload: {} }), name, 'NAME_UNKNOWN')
      }
    })

    it('as columns of rows, filters and aggregates are refused, naming them', async () => {
      await refused(call('POST', `${bot}/tables/notes/rows`, '{"rows":[{"title":"a","score":1,"topic":"t","__proto__":{"x":1}}]}'), '__proto__', 'ROW_INVALID')
      await refused(call('POST', `${bot}/tables/notes/rows/find`, '{"filter":{"__proto__":1}}'), '__proto__', 'COLUMN_UNKNOWN')
      await refused(call('POST', `${bot}/tables/notes/rows/find`, { filter: { constructor: 'x' } }), 'constructor', 'COLUMN_UNKNOWN')
      await refused(call('POST', `${bot}/tables/notes/rows/aggregate`, '{"groupBy":[],"aggregates":{"__proto__":{"$count":true}}}'), 'body.aggregates.__proto__')
      await refused(call('POST', `${bot}/tables/notes/rows/update`, { filter: {}, patch: { constructor: 'x' } }), 'constructor', 'ROW_INVALID')
    })

    it("as the chat page's asset names find nothing", async () => {
      for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) expect((await fetch(`${t.url}/chat/assets/${name}`)).status).toBe(404)
      expect((await fetch(`${t.url}/chat/assets/chat.js`)).status).toBe(200)
    })

    it('inside payloads are kept as plain data, reaching no prototype', async () => {
      const data = '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"list":[{"__proto__":1}]}'
      const written = await call('PUT', `${bot}/states/bot/fixture/notebook`, `{"payload":{"data":${data}}}`)
      expect(written.status).toBe(200)
      const read = await fetch(`${t.url}${bot}/states/bot/fixture/notebook`, { headers: { authorization: `Bearer ${t.adminToken}` } })
      const text = await read.text()
      expect(text).toContain('"__proto__":{"polluted":true}')
      expect(text).toContain('"constructor":{"prototype":{"polluted":true}}')
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    })
  })

  describe('text the database cannot store', () => {
    const nul = 'a\u0000b'
    const lone = 'a\ud800b'

    it('is refused in ids in paths, naming the parameter', async () => {
      await refused(call('GET', `${bot}/users/a%00b`), 'path.id')
      await refused(call('GET', `${bot}/states/bot/fixture%00/profile`), 'path.id')
      await refused(call('GET', `${bot}/conversations/c%00/messages`), 'path.conversationId')
    })

    it('is refused in queries, naming the parameter', async () => {
      await refused(call('GET', `${bot}/events?type=a%00`), 'query.type')
      await refused(call('GET', `${bot}/users?tags[plan]=%00`), 'query.tags.plan')
    })

    it.each([['NUL', nul], ['a lone surrogate', lone]])('(%s) is refused anywhere in a body, naming the field', async (_kind, text) => {
      const user = await newUser()
      await refused(call('POST', `${bot}/users`, { name: text }), 'body.name')
      await refused(call('POST', `${bot}/users`, { tags: { plan: text } }), 'body.tags.plan')
      await refused(call('POST', `${bot}/messages`, { conversationId: 'c', type: 'text', payload: { text } }), 'body.payload.text')
      await refused(call('POST', `${bot}/tables/notes/rows`, { rows: [{ title: text, score: 1, topic: 't' }] }), 'body.rows.0.title')
      await refused(call('PUT', `${bot}/states/user/${user}/profile`, { payload: { name: text, visits: 1 } }), 'body.payload.name')
      await refused(call('POST', `${bot}/events`, { type: 'pinged', payload: { note: 'x', [text]: 1 } }), 'the key')
      await refused(call('POST', `${bot}/webchat/session`, { name: text }), 'body.name')
    })

    it('is refused as an escape in raw JSON too', async () => {
      await refused(call('POST', `${bot}/users`, '{"name":"a\\u0000b"}'), 'body.name')
      await refused(call('POST', `${bot}/users`, '{"name":"a\\udc00"}'), 'body.name')
    })
  })

  describe('numbers out of range', () => {
    it.each([
      ['offset 1e20', `${bot}/users?offset=1e20`, 'query.offset'],
      ['limit -1', `${bot}/users?limit=-1`, 'query.limit'],
      ['limit 1.5', `${bot}/events?limit=1.5`, 'query.limit'],
      ['limit over the page size', `${bot}/users?limit=${LIMITS.pageSize + 1}`, 'query.limit'],
      ['a row id of 1e20', `${bot}/tables/notes/rows/1e20`, 'path.id'],
    ])('in a query or path: %s', async (_case, path, field) => {
      await refused(call('GET', path), field)
    })

    it('in bodies', async () => {
      const user = await newUser()
      await refused(call('POST', `${bot}/tables/notes/rows/find`, '{"offset":1e308}'), 'body.offset')
      await refused(call('POST', `${bot}/tables/notes/rows/find`, { limit: 0 }), 'body.limit')
      await refused(call('PUT', `${bot}/states/user/${user}/profile`, { payload: { name: 'a', visits: 1 }, expiry: 1e308 }), 'body.expiry')
      await refused(call('POST', `${bot}/events`, { type: 'pinged', payload: { note: 'x' }, schedule: { delayMs: 1e308 } }), 'body.schedule')
      await refused(call('POST', `${bot}/workflows`, { name: 'onboarding', input: { step: 'a' }, timeoutMs: 1e300 }), 'body.timeoutMs')
      await refused(call('POST', `${bot}/tables/notes/rows/delete`, { ids: [1e20] }), 'body.ids.0')
      await refused(call('POST', `${bot}/actions/call`, '{"type":"add","input":{"a":1e400,"b":1}}'), 'body.input.a')
    })
  })

  describe('sizes over the limits', () => {
    it('a filter with 50,000 $in values is refused, and the database answers as before', async () => {
      const values = Array.from({ length: 50_000 }, (_, i) => i)
      await refused(call('POST', `${bot}/tables/notes/rows/find`, { filter: { score: { $in: values } } }), `${LIMITS.filterValues} values`, 'QUERY_INVALID')
      const user = await newUser()
      expect((await call('GET', `${bot}/users/${user}`)).status).toBe(200)
      expect((await call('POST', `${bot}/tables/notes/rows/find`, { filter: { score: { $in: [1, 2] } } })).status).toBe(200)
    })

    it('a filter nested 2,000 $not deep is refused without overflowing the stack', async () => {
      let filter: unknown = { score: 1 }
      for (let i = 0; i < 2000; i++) filter = { $not: filter }
      await refused(call('POST', `${bot}/tables/notes/rows/find`, { filter }), 'deep')
      let shallow: unknown = { score: 1 }
      for (let i = 0; i < LIMITS.filterDepth + 2; i++) shallow = { $not: shallow }
      await refused(call('POST', `${bot}/tables/notes/rows/find`, { filter: shallow }), 'nest more than', 'QUERY_INVALID')
    })

    it('lists, tags, ids and names over their limits are refused, naming the field', async () => {
      await refused(call('POST', `${bot}/tables/notes/rows/delete`, { ids: Array.from({ length: LIMITS.ids + 1 }, (_, i) => i + 1) }), 'body.ids')
      await refused(call('POST', `${bot}/tables/notes/rows`, { rows: Array.from({ length: LIMITS.rows + 1 }, () => ({})) }), 'body.rows')
      await refused(call('POST', `${bot}/users`, { tags: Object.fromEntries(Array.from({ length: LIMITS.tags + 1 }, (_, i) => [`t${i}`, 'x'])) }), 'body.tags')
      await refused(call('POST', `${bot}/users`, { id: 'u'.repeat(LIMITS.idLength + 1) }), 'body.id')
      await refused(call('GET', `${bot}/users/${'u'.repeat(LIMITS.idLength + 1)}`), 'path.id')
      await refused(call('POST', `${bot}/tables/notes/rows/aggregate`, { groupBy: Array.from({ length: LIMITS.groupBy + 1 }, () => 'topic'), aggregates: {} }), 'body.groupBy')
    })

    it('JSON nested deeper than the limit is refused', async () => {
      const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
      await refused(call('POST', `${bot}/actions/call`, `{"type":"add","input":{"a":${deep}}}`), 'deep')
    })

    it('a value too long for an index is refused, naming the field', async () => {
      await refused(call('POST', `${bot}/tables/notes/rows`, { rows: [{ title: 'a', score: 1, topic: 'x'.repeat(LIMITS.indexedValueBytes + 1) }] }), 'topic', 'ROW_INVALID')
    })
  })

  it('stays healthy: it answers, takes a message, and served no 500', async () => {
    expect((await call('GET', '/health')).status).toBe(200)
    const user = await newUser()
    const conversation = ((await call('POST', `${bot}/conversations`, {})).body['conversation'] as { id: string }).id
    const sent = await call('POST', `${bot}/messages/incoming`, { conversationId: conversation, userId: user, type: 'text', payload: { text: 'still here?' } })
    expect(sent.status).toBe(201)
    const { body } = await call('GET', `${bot}/conversations/${conversation}/messages`)
    expect((body['messages'] as { payload: unknown }[]).map((message) => message.payload)).toEqual([{ text: 'still here?' }, { text: 'echo: still here?' }])
    expect(t.serverErrors).toEqual([])
    expect(Object.keys(Object.prototype)).toEqual([])
  })
})
