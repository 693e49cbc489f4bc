import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from './testing/test-server.js'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer({ bodyLimit: 64 * 1024, runtime: { stateSizeLimit: 2048 } })
})
afterAll(() => t.close())

async function call(method: string, path: string, body?: unknown, token: string | undefined = t.adminToken) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token) headers['authorization'] = `Bearer ${token}`
  const response = await fetch(`${t.url}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers }
}

const bot = '/v1/bots/fixture'

describe('the HTTP API', () => {
  it('answers /health without a credential', async () => {
    expect(await call('GET', '/health', undefined, undefined)).toMatchObject({ status: 200, body: { status: 'ok' } })
  })

  it('hands a user message to the bot and lists the reply', async () => {
    const { body: { user } } = await call('POST', `${bot}/users`, { name: 'Ada' })
    const { body: { conversation } } = await call('POST', `${bot}/conversations`, { channel: 'webchat' })
    const sent = await call('POST', `${bot}/messages/incoming`, { conversationId: conversation.id, userId: user.id, type: 'text', payload: { text: 'hi' } })
    expect(sent).toMatchObject({ status: 201, body: { message: { direction: 'incoming', payload: { text: 'hi' } } } })
    const listed = await call('GET', `${bot}/conversations/${conversation.id}/messages`)
    expect(listed.body.messages.map((m: { payload: unknown }) => m.payload)).toEqual([{ text: 'hi' }, { text: 'echo: hi' }])
  })

  it('names every invalid field with 400', async () => {
    const response = await call('POST', `${bot}/messages/incoming`, { conversationId: 5, type: 'text' })
    expect(response.status).toBe(400)
    expect(response.body.error.code).toBe('REQUEST_INVALID')
    expect(response.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual(['body.conversationId', 'body.userId', 'body.payload'])
    expect(response.body.error.message).toContain('body.conversationId')
  })

  it('names a bad query parameter and a bad path parameter', async () => {
    expect((await call('GET', `${bot}/users?limit=0`)).body.error.issues).toEqual([{ path: 'query.limit', message: expect.stringContaining('1') }])
    expect((await call('GET', `${bot}/tables/notes/rows/abc`)).body.error.issues[0].path).toBe('path.id')
  })

  it('refuses fields it does not know rather than dropping them', async () => {
    const response = await call('POST', `${bot}/users`, { name: 'Ada', colour: 'red' })
    expect(response.status).toBe(400)
    expect(response.body.error.issues).toEqual([{ path: 'body', message: expect.stringContaining("'colour'") }])
  })

  it('says so when the body is not JSON', async () => {
    const response = await call('POST', `${bot}/users`, '{"name":')
    expect(response.status).toBe(400)
    expect(response.body.error.issues).toEqual([{ path: 'body', message: expect.stringContaining('not valid JSON') }])
  })

  it('answers 404 for unknown routes and unknown bots', async () => {
    expect(await call('GET', '/v2/nothing')).toMatchObject({ status: 404, body: { error: { code: 'ROUTE_NOT_FOUND' } } })
    expect(await call('GET', '/v1/bots/nobody/users')).toMatchObject({ status: 404, body: { error: { code: 'BOT_NOT_FOUND' } } })
    expect(await call('GET', `${bot}/conversations/conv_missing/stream`)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } })
  })

  it('refuses a body over the limit with 413', async () => {
    const response = await call('POST', `${bot}/tables/notes/rows`, { rows: [{ title: 'x'.repeat(70 * 1024), score: 1, topic: 't' }] })
    expect(response).toMatchObject({ status: 413, body: { error: { code: 'BODY_TOO_LARGE' } } })
  })

  it('maps domain errors to fitting statuses', async () => {
    const { body: { user } } = await call('POST', `${bot}/users`, {})
    const state = `${bot}/states/user/${user.id}/profile`
    expect(await call('GET', `${bot}/users/usr_missing`)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } })
    expect(await call('GET', state)).toMatchObject({ status: 404, body: { error: { code: 'STATE_NOT_FOUND' } } })
    expect(await call('PUT', state, { payload: { name: 'x'.repeat(4000), visits: 1 } })).toMatchObject({ status: 413, body: { error: { code: 'STATE_TOO_LARGE' } } })
    const invalid = await call('PUT', state, { payload: { name: 'Ada', visits: 'many' } })
    expect(invalid).toMatchObject({ status: 400, body: { error: { code: 'PAYLOAD_INVALID', issues: [{ path: 'visits' }] } } })
    expect(await call('POST', `${bot}/actions/call`, { type: 'nope', input: {} })).toMatchObject({ status: 400, body: { error: { code: 'NAME_UNKNOWN' } } })
    expect(await call('POST', `${bot}/tables/notes/rows/find`, { filter: { colour: 'red' } })).toMatchObject({ status: 400, body: { error: { code: 'COLUMN_UNKNOWN' } } })
  })

  it('answers a finished workflow changed again with 409', async () => {
    const { body: { workflow } } = await call('POST', `${bot}/workflows`, { name: 'onboarding', input: { step: 'one' } })
    await call('PATCH', `${bot}/workflows/${workflow.id}`, { status: 'completed', output: { done: true } })
    const again = await call('PATCH', `${bot}/workflows/${workflow.id}`, { status: 'cancelled' })
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'WORKFLOW_FINISHED' } } })
  })

  it('deletes a state with 204', async () => {
    const { body: { user } } = await call('POST', `${bot}/users`, {})
    const state = `${bot}/states/user/${user.id}/profile`
    await call('PUT', state, { payload: { name: 'Ada', visits: 1 } })
    expect((await call('DELETE', state)).status).toBe(204)
  })

  it('served no 500', () => {
    expect(t.serverErrors).toEqual([])
  })
})
