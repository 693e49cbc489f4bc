import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAILING_WEBHOOK_PATH } from './testing/fixture-bot.js'
import { startTestServer, type TestServer } from './testing/test-server.js'

// An integration's webhook: public, as the outside service calling it has no Parley token; the handler
// gets the raw body and headers (to check a signature), and a failing one harms nothing else.

let t: TestServer
beforeAll(async () => {
  t = await startTestServer({ bodyLimit: 4096 })
})
afterAll(() => t.close())

const webhook = '/v1/bots/fixture/integrations/relay/webhook'

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${t.url}${path}`, { method: 'POST', headers, body })
  const text = await response.text()
  return { status: response.status, contentType: response.headers.get('content-type'), text, json: () => JSON.parse(text) }
}

describe('integration webhooks', () => {
  it('hand the raw body, headers, path and query to the handler, with no credential', async () => {
    const body = '{ "update_id": 1,\n  "text": "exact bytes" }'
    const answer = await post(`${webhook}?token=abc&token=def`, body, { 'x-signature': 'sha256=feed', 'content-type': 'application/json' })
    expect(answer).toMatchObject({ status: 200, contentType: 'application/json' })
    expect(answer.json()).toEqual({ method: 'POST', path: '/', query: { token: 'abc' }, signature: 'sha256=feed', body, prototypeOfHeaders: null })
  })

  it('take any path below the webhook, and any content type', async () => {
    const answer = await post(`${webhook}/telegram/42`, 'a=1&b=2', { 'content-type': 'application/x-www-form-urlencoded' })
    expect(answer.json()).toMatchObject({ path: '/telegram/42', body: 'a=1&b=2' })
  })

  it("let the handler turn a request into a user's message for the bot", async () => {
    const answer = await post(`${webhook}/message`, JSON.stringify({ from: 'line-user-1', text: 'hello' }))
    expect(answer.status).toBe(202)
    const { messages } = await t.runtime.client().listMessages({ conversationId: 'line-line-user-1' })
    expect(messages.map((message) => [message.direction, message.payload])).toEqual([['incoming', { text: 'hello' }], ['outgoing', { text: 'echo: hello' }]])
  })

  it('answer 404 where no integration has a webhook, without listing what the bot has', async () => {
    const unknown = await post('/v1/bots/fixture/integrations/nobody/webhook', '{}')
    expect(unknown).toMatchObject({ status: 404 })
    expect(unknown.json()).toMatchObject({ error: { code: 'WEBHOOK_NOT_FOUND' } })
    expect(unknown.text).not.toContain('relay')
    expect((await post('/v1/bots/nobot/integrations/relay/webhook', '{}')).status).toBe(404)
  })

  it('bound the body like every other', async () => {
    const answer = await post(webhook, 'x'.repeat(5000))
    expect(answer.status).toBe(413)
    expect(answer.json()).toMatchObject({ error: { code: 'BODY_TOO_LARGE' } })
  })

  it('answer 500 for a handler that throws, report it, and go on serving', async () => {
    const failed = await post(`${webhook}${FAILING_WEBHOOK_PATH}`, '{}')
    expect(failed).toMatchObject({ status: 500 })
    expect(failed.json()).toEqual({ error: { code: 'WEBHOOK_FAILED', message: expect.stringContaining('"relay" failed') } })
    expect(failed.text).not.toContain('on purpose')
    expect(t.serverErrors).toEqual([expect.objectContaining({ code: 'WEBHOOK_FAILED', cause: expect.objectContaining({ message: 'the relay failed on purpose' }) })])
    expect((await post(webhook, '{}')).status).toBe(200)
    expect((await fetch(`${t.url}/health`)).status).toBe(200)
  })
})
