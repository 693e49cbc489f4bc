import SwaggerParser from '@apidevtools/swagger-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../testing/test-server.js'

let t: TestServer
// The document as served; parsing dereferences it in place, so each test reads a fresh copy.
const served = async () => (await (await fetch(`${t.url}/openapi.json`, { headers: { authorization: `Bearer ${t.botToken}` } })).json()) as { paths: Record<string, Record<string, { operationId: string; parameters: { name: string; in: string; style?: string }[]; security: unknown[] }>> }

beforeAll(async () => {
  t = await startTestServer()
})
afterAll(() => t.close())

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    // validate() throws with every problem listed when the document is not valid
    const api = await SwaggerParser.validate(await served() as never)
    expect(api.info.title).toBe('Parley runtime API')
  })

  it('describes every route once, with unique operation ids', async () => {
    const operations = Object.values((await served()).paths).flatMap((methods) => Object.values(methods))
    const ids = operations.map((operation) => operation.operationId)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(expect.arrayContaining(['receiveMessage', 'findTableRows', 'aggregateTableRows', 'upsertTableRows', 'callAction', 'getOrSetState', 'streamWebchatMessages', 'health']))
  })

  it('writes paths, parameters and security as OpenAPI spells them', async () => {
    const { paths } = await served()
    const listUsers = paths['/v1/bots/{botId}/users']!['get']!
    expect(listUsers.parameters).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'botId', in: 'path' }),
      expect.objectContaining({ name: 'tags', in: 'query', style: 'deepObject' }),
    ]))
    expect(listUsers.security).toEqual([{ apiToken: [] }])
    expect(paths['/health']!['get']!.security).toEqual([])
  })

  it('is served to any valid API token, and to no one else', async () => {
    expect((await fetch(`${t.url}/openapi.json`)).status).toBe(401)
    expect((await fetch(`${t.url}/openapi.json`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401)
    expect((await fetch(`${t.url}/openapi.json`, { headers: { authorization: `Bearer ${t.otherToken}` } })).status).toBe(200)
  })
})
