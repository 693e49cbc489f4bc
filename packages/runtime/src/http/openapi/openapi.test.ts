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

  it('names the records, so generated clients get a type for each', async () => {
    const document = (await served()) as unknown as { components: { schemas: Record<string, { properties?: Record<string, unknown> }> }; paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> }
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Message', 'User', 'Conversation', 'State', 'Event', 'Row', 'Workflow', 'Bot', 'Error']))
    expect(document.components.schemas['State']!.properties).toHaveProperty('version')
    const listed = document.paths['/v1/bots/{botId}/conversations/{conversationId}/messages']!['get']!.responses['200']!.content!['application/json']!.schema
    expect(listed).toMatchObject({ properties: { messages: { items: { $ref: '#/components/schemas/Message' } } } })
    const api = await SwaggerParser.validate(await served() as never)
    expect(api.paths!['/v1/bots/{botId}/users/{id}']!.get!.responses['200']).toMatchObject({ content: { 'application/json': { schema: { properties: { user: { properties: { id: {} } } } } } } })
  })

  it("documents states' versions: the ETag of a state, If-Match and 412 on writes", async () => {
    const document = (await served()) as unknown as { paths: Record<string, Record<string, { parameters: { name: string; in: string }[]; responses: Record<string, { headers?: Record<string, unknown> }> }>> }
    const state = document.paths['/v1/bots/{botId}/states/{type}/{id}/{name}']!
    expect(state['get']!.responses['200']!.headers).toHaveProperty('ETag')
    for (const method of ['put', 'patch', 'delete']) {
      expect(state[method]!.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'If-Match', in: 'header' })]))
      expect(state[method]!.responses).toHaveProperty('412')
    }
    expect(state['get']!.responses).not.toHaveProperty('412')
  })

  it("lists integrations' webhooks as public, the exact address and any path below it", async () => {
    const { paths } = await served()
    expect(paths['/v1/bots/{botId}/integrations/{alias}/webhook']!['post']!.security).toEqual([])
    expect(paths['/v1/bots/{botId}/integrations/{alias}/webhook/{path}']!['post']!.security).toEqual([])
  })

  it('is served to any valid API token, and to no one else', async () => {
    expect((await fetch(`${t.url}/openapi.json`)).status).toBe(401)
    expect((await fetch(`${t.url}/openapi.json`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401)
    expect((await fetch(`${t.url}/openapi.json`, { headers: { authorization: `Bearer ${t.otherToken}` } })).status).toBe(200)
  })
})
