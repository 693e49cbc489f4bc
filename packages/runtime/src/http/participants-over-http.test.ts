import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpClient } from '../http-client/http-client.js'
import { STARTUP_TIMEOUT, testDrivers } from '../storage/testing/test-databases.js'
import { startTestServer, type TestServer } from './testing/test-server.js'

describe.each(testDrivers())('participants over HTTP on $name', (driver) => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer({ driver })
  }, STARTUP_TIMEOUT)
  afterAll(() => t.close())

  const client = () => createHttpClient({ url: t.url, botId: 'fixture', token: t.adminToken })
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${t.url}/v1/bots/fixture${path}`, {
      method, headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } }
  }

  it('adds, gets, pages through and removes participants, as the in-process client does', async () => {
    const { conversation } = await client().getOrCreateConversation({})
    const users = await Promise.all(Array.from({ length: 105 }, (_, n) => client().getOrCreateUser({ id: `p-${n}` })))
    for (const { user } of users) await client().addParticipant({ id: conversation.id, userId: user.id })
    const first = await client().listParticipants({ id: conversation.id })
    expect(first.participants).toHaveLength(100)
    const second = await client().listParticipants({ id: conversation.id, nextToken: first.meta.nextToken! })
    expect([...first.participants, ...second.participants].map((user) => user.id)).toEqual(users.map(({ user }) => user.id))
    expect(second.meta).toEqual({})

    expect((await client().getParticipant({ id: conversation.id, userId: 'p-7' })).participant.id).toBe('p-7')
    expect(await client().removeParticipant({ id: conversation.id, userId: 'p-7' })).toEqual({})
    await expect(client().getParticipant({ id: conversation.id, userId: 'p-7' })).rejects.toMatchObject({ status: 404 })
    expect(t.serverErrors).toEqual([])
  })

  it('takes __proto__ as a user id like any other, and refuses unknown records, odd tokens and extra fields by name', async () => {
    const { conversation } = await client().getOrCreateConversation({})
    await client().getOrCreateUser({ id: '__proto__' })
    expect((await client().addParticipant({ id: conversation.id, userId: '__proto__' })).participant.id).toBe('__proto__')
    expect((await call('GET', `/conversations/${conversation.id}/participants/__proto__`)).status).toBe(200)

    expect(await call('POST', '/conversations/conv_missing/participants', { userId: '__proto__' })).toMatchObject({ status: 404, body: { error: { message: expect.stringContaining('conv_missing') } } })
    expect(await call('POST', `/conversations/${conversation.id}/participants`, { userId: 'x'.repeat(10_000) })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('userId') } } })
    expect(await call('POST', `/conversations/${conversation.id}/participants`, { userId: '__proto__', role: 'admin' })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('role') } } })
    expect(await call('GET', `/conversations/${conversation.id}/participants?nextToken=1e308`)).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('nextToken') } } })
    expect(t.serverErrors).toEqual([])
  })

  it('are described in the OpenAPI document', async () => {
    const document = (await (await fetch(`${t.url}/openapi.json`, { headers: { authorization: `Bearer ${t.adminToken}` } })).json()) as { paths: Record<string, Record<string, { operationId?: string }>> }
    const operations = Object.values(document.paths).flatMap((path) => Object.values(path).map((operation) => operation.operationId))
    expect(operations).toEqual(expect.arrayContaining(['addParticipant', 'getParticipant', 'removeParticipant', 'listParticipants']))
  })
})
