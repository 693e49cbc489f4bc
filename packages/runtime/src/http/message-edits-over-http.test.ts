import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpClient } from '../http-client/http-client.js'
import { STARTUP_TIMEOUT, testDrivers } from '../storage/testing/test-databases.js'
import { startTestServer, type TestServer } from './testing/test-server.js'

describe.each(testDrivers())('updateMessage over HTTP on $name', (driver) => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer({ driver })
  }, STARTUP_TIMEOUT)
  afterAll(() => t.close())

  const patch = async (id: string, body: unknown) => {
    const response = await fetch(`${t.url}/v1/bots/fixture/messages/${id}`, { method: 'PATCH', headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } }
  }

  it('replaces the payload and merges tags; a payload its type refuses is a 400 naming the field, and nothing changes', async () => {
    const client = createHttpClient({ url: t.url, botId: 'fixture', token: t.adminToken })
    const { user } = await client.getOrCreateUser({})
    const { conversation } = await client.getOrCreateConversation({})
    const { message } = await client.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text: 'draft' } })
    const edited = await client.updateMessage({ id: message.id, payload: { text: 'final' } })
    expect(edited.message).toMatchObject({ id: message.id, type: 'text', payload: { text: 'final' } })

    expect(await patch(message.id, { payload: { text: 1e308 } })).toMatchObject({ status: 400, body: { error: { code: 'PAYLOAD_INVALID', message: expect.stringContaining('text') } } })
    expect(await patch(message.id, { type: 'image' })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('type') } } })
    expect(await patch('msg_missing', { tags: {} })).toMatchObject({ status: 404 })
    expect((await client.getMessage({ id: message.id })).message.payload).toEqual({ text: 'final' })
    expect(t.serverErrors).toEqual([])
  })
})
