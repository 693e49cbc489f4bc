import { UNTYPED_CLIENT_NAMES, z, type Schema } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpClient } from '../http-client/http-client.js'
import { startTestServer, type TestServer } from './testing/test-server.js'
import { botParams } from '../api/schemas/common.js'
import { clientAliases, clientComposites, clientOperations, operationEntries } from '../api/operations/index.js'
import { describeOperations } from '../api/operations/operation.js'

// The table of client operations is the one description of the API: checked against `Client` when it
// compiles, and here against what it is derived into.

describe('describeOperations', () => {
  // Checked when the package is type-checked: each line marked @ts-expect-error must fail to compile.
  it('takes only names of Client methods, each with its own request type', () => {
    const get = { method: 'get', path: '/v1/bots/:botId/users/:id', summary: '', tag: '', params: botParams, success: { status: 204 } } as const
    describeOperations({ getUser: { ...get, toWire: ({ id }) => ({ id }) } })
    // @ts-expect-error a name `Client` does not have
    describeOperations({ getUsr: get })
    // @ts-expect-error a field the method's request does not have
    describeOperations({ getUser: { ...get, toWire: ({ userId }) => ({ userId }) } })
  })
})

describe('the operation table', () => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer()
  })
  afterAll(() => t.close())

  it('describes every method the client has, in-process and over HTTP', () => {
    const routed = [...Object.keys(clientOperations), ...Object.keys(clientAliases)]
    // Its own keys, as `Object.keys` and a spread see them, though each method is made on first use.
    const inProcess = Object.keys(t.runtime.client())
    expect(Object.keys({ ...t.runtime.client() }).sort()).toEqual([...inProcess].sort())
    expect(inProcess).toEqual(expect.arrayContaining(routed))
    expect(inProcess.filter((name) => !routed.includes(name))).toEqual(inProcess.filter((name) => (clientComposites as readonly string[]).includes(name)))
    const http = Object.keys(createHttpClient({ url: t.url, botId: 'fixture' }))
    expect(http.sort()).toEqual([...routed, ...clientComposites].sort())
  })

  it('reaches its untyped self under the names Botpress code uses, in-process and over HTTP', () => {
    for (const client of [t.runtime.client(), createHttpClient({ url: t.url, botId: 'fixture' })]) {
      for (const name of UNTYPED_CLIENT_NAMES) expect(client[name], name).toBe(client)
    }
  })

  it.each(operationEntries())('%s: names each path parameter in its schema, and has a body only where the method carries one', (_name, operation) => {
    const inPath = [...operation.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]).sort()
    expect(Object.keys((operation.params as z.AnyZodObject).shape).sort()).toEqual(inPath)
    expect(operation.path.startsWith('/v1/bots/:botId/')).toBe(true)
    const readsQuery = operation.method === 'get' || operation.method === 'delete'
    expect(operation.body === undefined || !readsQuery).toBe(true)
    expect(operation.query === undefined || readsQuery).toBe(true)
    if (operation.body) expect(isStrict(operation.body)).toBe(true)
  })

  it('is served and documented under the names of the methods', async () => {
    const document = (await (await fetch(`${t.url}/openapi.json`, { headers: { authorization: `Bearer ${t.adminToken}` } })).json()) as { paths: Record<string, Record<string, { operationId: string }>> }
    const documented = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId))
    expect(documented).toEqual(expect.arrayContaining(Object.keys(clientOperations)))
  })
})

/** A body schema refuses fields it does not know, rather than dropping them. */
function isStrict(schema: Schema): boolean {
  return !schema.safeParse({ surely_not_a_field: 1 }).success
}
