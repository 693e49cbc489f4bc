import type { Client } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpClient } from '../http-client/http-client.js'
import { testDrivers, STARTUP_TIMEOUT } from '../storage/testing/test-databases.js'
import { startTestServer, type TestServer } from './testing/test-server.js'
import { adjustableClock } from '../index.js'

describe.each(testDrivers())('Botpress client operations over HTTP on $name', (driver) => {
  let t: TestServer
  let client: Client
  const clock = adjustableClock()
  beforeAll(async () => {
    t = await startTestServer({ driver, runtime: { clock } })
    client = createHttpClient({ url: t.url, botId: 'fixture', token: t.adminToken })
  }, STARTUP_TIMEOUT)
  afterAll(() => t.close())

  it('counts analytics and reads the counters back by name and prefix', async () => {
    expect(await client.trackAnalytics({ name: 'kb:search' })).toEqual({})
    await Promise.all(Array.from({ length: 20 }, () => client.trackAnalytics({ name: 'kb:search', count: 2 })))
    await client.trackAnalytics({ name: 'kb:hit', count: 5 })
    expect((await client.listAnalytics({ names: ['kb:search'] })).analytics).toMatchObject([{ name: 'kb:search', count: 41 }])
    expect((await client.listAnalytics({ prefix: 'kb:' })).analytics.map((c) => c.name)).toEqual(['kb:hit', 'kb:search'])
    await expect(client.trackAnalytics({ name: 'kb:search', count: 1e308 })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('count') })
    await expect(client.trackAnalytics({ name: 'kb:search', count: 0 })).rejects.toMatchObject({ status: 400 })
    expect((await client.listAnalytics({ names: ['kb:search'] })).analytics[0]!.count).toBe(41)
  })

  it('writes and queries the rows of a table created at run time', async () => {
    await client.createTable({ name: 'articles', schema: { type: 'object', properties: { title: { type: 'string' }, views: { type: 'integer' } } } })
    const { rows } = await client.createTableRows({ table: 'articles', rows: [{ title: 'a', views: 3 }, { title: 'b', views: 9 }] })
    expect(rows.map((row) => row['title'])).toEqual(['a', 'b'])
    expect(await client.findTableRows({ table: 'articles', filter: { views: { $gt: 5 } } })).toMatchObject({ total: 1, rows: [{ title: 'b' }] })
    expect(await client.getTableRow({ table: 'articles', id: rows[0]!.id })).toMatchObject({ row: { title: 'a' } })
    await client.updateTableRows({ table: 'articles', ids: [rows[0]!.id], patch: { views: 4 } })
    expect((await client.upsertTableRows({ table: 'articles', keyColumn: 'title', rows: [{ title: 'a', views: 5 }, { title: 'c' }] })).inserted).toHaveLength(1)
    expect((await client.aggregateTableRows({ table: 'articles', groupBy: [], aggregates: { total: { $sum: 'views' } } })).rows).toEqual([{ total: 14 }])
    await expect(client.createTableRows({ table: 'articles', rows: [{ title: 7 }] })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('title') })
    expect(await client.deleteTableRows({ table: 'articles', all: true })).toEqual({ deleted: 3 })
    await client.deleteTable({ table: 'articles' })
    await expect(client.findTableRows({ table: 'articles' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('"articles"') })
  })
  const get = (path: string, token?: string) => fetch(`${t.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
  const put = (url: string, body: string | Uint8Array, contentType = 'application/octet-stream') =>
    fetch(`${t.url}${url}`, { method: 'PUT', body, headers: { 'content-type': contentType } })

  it('takes content PUT to the upload URL once, keeping the content type, and refuses a wrong, spent or expired token', async () => {
    const { file } = await client.upsertFile({ key: 'manual.md', contentType: 'text/markdown', index: true, tags: { kb: 'manual' } })
    expect(file).toMatchObject({ status: 'upload_pending', uploadUrl: expect.stringMatching(/\/content\?token=[\w-]{43}$/) })
    const base = file.uploadUrl.slice(0, file.uploadUrl.indexOf('?'))

    expect((await put(base, 'x')).status).toBe(401)
    expect((await put(`${base}?token=${'A'.repeat(43)}`, 'x')).status).toBe(403)
    expect((await put(`/v1/bots/fixture/files/file_nope/content?token=${'A'.repeat(43)}`, 'x')).status).toBe(403)
    expect((await client.getFile({ id: file.id })).file.status).toBe('upload_pending')

    const uploaded = await put(file.uploadUrl, '# Manual\n\nThe kettle boils water in three minutes.', 'text/plain')
    expect(uploaded.status).toBe(200)
    expect((await client.getFile({ id: file.id })).file).toMatchObject({ status: 'indexing_completed', contentType: 'text/markdown', size: 50 })
    const served = await get(file.url, t.adminToken)
    expect(served.headers.get('content-type')).toBe('text/markdown')
    expect(await served.text()).toContain('kettle')
    expect((await put(file.uploadUrl, 'again')).status).toBe(403)

    const { file: late } = await client.upsertFile({ key: 'late.bin' })
    clock.advance(2 * 60 * 60 * 1000) // beyond the hour an upload URL lasts
    const expired = await put(late.uploadUrl, new Uint8Array([1, 2, 3]))
    expect(expired.status).toBe(403)
    expect(await expired.json()).toMatchObject({ error: { code: 'UPLOAD_EXPIRED' } })
    expect((await get(late.url, t.adminToken)).status).toBe(404)
  })

  it('refuses an upload larger than a file may be, storing nothing', async () => {
    const { file } = await client.upsertFile({ key: 'huge.bin' })
    const response = await put(file.uploadUrl, new Uint8Array(10 * 1024 * 1024 + 1))
    expect(response.status).toBe(413)
    expect((await client.getFile({ id: file.id })).file.status).toBe('upload_pending')
    await expect(client.upsertFile({ key: 'huge.bin', size: 1e308 })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('size') })
  })

  it('serves a public_content file to anyone and every other only with a token', async () => {
    const { file: open } = await client.uploadFile({ key: 'logo.svg', content: '<svg/>', contentType: 'image/svg+xml', accessPolicies: ['public_content'] })
    const { file: closed } = await client.uploadFile({ key: 'secret.txt', content: 'hush' })
    const anonymous = await get(open.url)
    expect(anonymous.status).toBe(200)
    expect(anonymous.headers.get('content-security-policy')).toMatch(/^sandbox;/)
    expect(await (await get(open.url, 'not-a-token')).text()).toBe('<svg/>')
    expect((await get(closed.url)).status).toBe(401)
    expect((await get(closed.url, t.otherToken)).status).toBe(403)
    expect((await get(closed.url, t.botToken)).status).toBe(200)
    expect((await get(`/v1/bots/fixture/files/file_nope/content`)).status).toBe(401)
    expect((await get(`/v1/bots/nobot/files/${open.id}/content`)).status).toBe(401)
  })

  it('searches indexed files by query and tags, and refuses a bad search naming the field', async () => {
    await client.uploadFile({ key: 'faq.txt', content: 'Refunds are paid within five days.\n\nShipping takes a week.', contentType: 'text/plain', index: true, tags: { kb: 'faq' } })
    await client.uploadFile({ key: 'other.txt', content: 'Refunds elsewhere.', contentType: 'text/plain', index: true, tags: { kb: 'other' } })
    const { passages } = await client.searchFiles({ query: 'when is my refund paid?', tags: { kb: 'faq' } })
    expect(passages).toMatchObject([{ content: expect.stringContaining('Refunds are paid'), file: { key: 'faq.txt', tags: { kb: 'faq' } }, meta: { position: 0 } }])
    expect(passages[0]!.score).toBeGreaterThan(0)
    expect((await client.searchFiles({ query: 'refunds' })).passages.map((p) => p.file.key).sort()).toEqual(['faq.txt', 'other.txt'])
    await expect(client.searchFiles({ query: 'refunds', limit: 1e308 })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('limit') })
    await expect(client.searchFiles({ query: 'a\u0000b' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('query') })
  })

  it("removes a tag written '' over HTTP, so listings filtered on it no longer find the record", async () => {
    const { conversation } = await client.getOrCreateConversation({ id: 'conv-tags' })
    const { user } = await client.getOrCreateUser({ id: 'user-tags' })
    await client.updateConversation({ id: conversation.id, tags: { queue: 'billing', owner: 'ada' } })
    await client.updateUser({ id: user.id, tags: { plan: 'pro' } })
    const found = async () => [
      (await client.listConversations({ tags: { queue: 'billing' } })).conversations.map((c) => c.id),
      (await client.listConversations({ tags: { queue: '' } })).conversations.map((c) => c.id),
      (await client.listUsers({ tags: { plan: 'pro' } })).users.map((u) => u.id),
    ]
    expect(await found()).toEqual([[conversation.id], [], [user.id]])
    expect((await client.updateConversation({ id: conversation.id, tags: { queue: '' } })).conversation.tags).toEqual({ owner: 'ada' })
    expect((await client.updateUser({ id: user.id, tags: { plan: '' } })).user.tags).toEqual({})
    expect(await found()).toEqual([[], [], []])
    expect((await client.listConversations({ tags: { owner: 'ada' } })).conversations.map((c) => c.tags)).toEqual([{ owner: 'ada' }])
  })

  it('tags a message, and deletes a user, a conversation and a message, answering 404 for what is not there', async () => {
    const { conversation } = await client.getOrCreateConversation({ id: 'conv-del' })
    const { user } = await client.getOrCreateUser({ id: 'user-del' })
    await t.runtime.receiveMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text: 'hello' } })
    const { messages } = await client.listMessages({ conversationId: conversation.id })
    expect(messages.length).toBeGreaterThan(0)
    expect((await client.updateMessage({ id: messages[0]!.id, tags: { seen: 'yes' } })).message.tags).toMatchObject({ seen: 'yes' })
    expect((await client.getMessage({ id: messages[0]!.id })).message).toMatchObject({ tags: { seen: 'yes' }, payload: { text: 'hello' } })
    await expect(client.updateMessage({ id: 'msg_nope', tags: {} })).rejects.toMatchObject({ status: 404 })
    await client.deleteMessage({ id: messages[0]!.id })
    await expect(client.getMessage({ id: messages[0]!.id })).rejects.toMatchObject({ status: 404 })
    await client.deleteConversation({ id: conversation.id })
    await expect(client.getConversation({ id: conversation.id })).rejects.toMatchObject({ status: 404 })
    await client.deleteUser({ id: user.id })
    await expect(client.getUser({ id: user.id })).rejects.toMatchObject({ status: 404 })
    await expect(client.deleteUser({ id: user.id })).rejects.toMatchObject({ status: 404 })
    await expect(client.deleteConversation({ id: conversation.id })).rejects.toMatchObject({ status: 404 })
  })
})
