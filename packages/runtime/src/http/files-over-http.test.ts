import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpClient } from '../http-client/http-client.js'
import { startTestServer, type TestServer } from './testing/test-server.js'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer()
})
afterAll(() => t.close())

const content = (path: string, token = t.adminToken) =>
  fetch(`${t.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })

describe('files and run-time tables over HTTP', () => {
  it('uploads text and bytes, serves the content at the file\'s url, lists by tags and deletes', async () => {
    const client = createHttpClient({ url: t.url, botId: 'fixture', token: t.adminToken })
    const { file: text } = await client.uploadFile({ key: 'docs/faq.md', content: '# FAQ', contentType: 'text/markdown', tags: { source: 'docs' } })
    const bytes = new Uint8Array([0, 1, 2, 253, 254, 255])
    const { file: binary } = await client.uploadFile({ key: 'blob.bin', content: bytes })
    expect(binary).toMatchObject({ size: 6, contentType: 'application/octet-stream', status: 'upload_completed' })

    const served = await content(text.url)
    expect(served.headers.get('content-type')).toBe('text/markdown')
    expect(await served.text()).toBe('# FAQ')
    expect(new Uint8Array(await (await content(binary.url)).arrayBuffer())).toEqual(bytes)
    expect((await content(text.url, '')).status).toBe(401)

    expect((await client.listFiles({ tags: { source: 'docs' } })).files.map((file) => file.key)).toEqual(['docs/faq.md'])
    const { file: pending } = await client.upsertFile({ key: 'later.txt', size: 10 })
    expect(pending).toMatchObject({ status: 'upload_pending', uploadUrl: expect.stringContaining(`${pending.url}?token=`) })
    expect((await content(pending.url)).status).toBe(404)

    await client.deleteFile({ id: text.id })
    await expect(client.getFile({ id: text.id })).rejects.toMatchObject({ status: 404 })
  })

  it('creates, inspects and drops a run-time table', async () => {
    const client = createHttpClient({ url: t.url, botId: 'fixture', token: t.adminToken })
    const { table } = await client.createTable({ name: 'mirror', schema: { type: 'object', properties: { title: { type: 'string' } } } })
    expect(table).toMatchObject({ name: 'mirror', schema: { properties: { title: { type: 'string' } } } })
    expect(await client.getTable({ table: 'mirror' })).toMatchObject({ rows: 0 })
    await client.deleteTable({ table: 'mirror' })
    await expect(client.getTable({ table: 'mirror' })).rejects.toMatchObject({ status: 404 })
  })
})
