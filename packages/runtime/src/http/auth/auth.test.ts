import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../testing/test-server.js'
import { webchatKeys } from './webchat-keys.js'

const SECRET = 'c'.repeat(64)
const HOUR = 60 * 60 * 1000

let t: TestServer
beforeAll(async () => {
  t = await startTestServer({ webchatSecret: SECRET, webchatKeyTtlMs: HOUR })
})
afterAll(() => t.close())

async function status(method: string, path: string, token?: string, body: unknown = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token !== undefined) headers['authorization'] = `Bearer ${token}`
  const response = await fetch(`${t.url}${path}`, { method, headers, body: method === 'GET' ? undefined : JSON.stringify(body) })
  const error = ((await response.json()) as { error?: { code: string; message: string } }).error
  return { status: response.status, code: error?.code, message: error?.message, challenge: response.headers.get('www-authenticate') }
}

const routes: readonly (readonly [string, string])[] = [
  ['GET', '/v1/bots'],
  ['GET', '/v1/bots/fixture/users'],
  ['POST', '/v1/bots/fixture/conversations'],
  ['POST', '/v1/bots/fixture/messages/incoming'],
  ['GET', '/v1/bots/fixture/states/bot/fixture/profile'],
  ['POST', '/v1/bots/fixture/tables/notes/rows/find'],
  ['POST', '/v1/bots/fixture/actions/call'],
  ['GET', '/v1/bots/fixture/conversations/conv_1/stream'],
]

describe('API tokens', () => {
  it.each(routes)('%s %s answers 401 without a token', async (method, path) => {
    expect(await status(method, path)).toMatchObject({ status: 401, code: 'UNAUTHORIZED', challenge: 'Bearer' })
  })

  it.each(routes)('%s %s answers 401 for a token it does not know', async (method, path) => {
    expect(await status(method, path, 'f'.repeat(32))).toMatchObject({ status: 401, code: 'UNAUTHORIZED' })
  })

  it.each(routes.slice(1))('%s %s answers 403 for a token scoped to another bot', async (method, path) => {
    expect(await status(method, path, t.otherToken)).toMatchObject({ status: 403, code: 'FORBIDDEN' })
  })

  it('checks the credential before the input, so strangers learn nothing', async () => {
    expect(await status('POST', '/v1/bots/fixture/messages/incoming', undefined, { nonsense: true })).toMatchObject({ status: 401 })
    expect(await status('GET', '/v1/bots/unknown/users', t.otherToken)).toMatchObject({ status: 403 })
  })

  it('lets a bot-scoped token and an admin token in', async () => {
    expect(await status('GET', '/v1/bots/fixture/users', t.botToken)).toMatchObject({ status: 200 })
    expect(await status('GET', '/v1/bots/fixture/users', t.adminToken)).toMatchObject({ status: 200 })
  })

  it('lists only the bots a token covers', async () => {
    const list = async (token: string) => (await (await fetch(`${t.url}/v1/bots`, { headers: { authorization: `Bearer ${token}` } })).json()) as { bots: { id: string }[] }
    expect((await list(t.adminToken)).bots).toEqual([{ id: 'fixture', title: 'Fixture bot' }])
    expect((await list(t.otherToken)).bots).toEqual([])
  })
})

describe('web chat user keys', () => {
  async function session(userKey?: string) {
    const response = await fetch(`${t.url}/v1/bots/fixture/webchat/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userKey }) })
    return (await response.json()) as { userKey: string; conversation: { id: string }; user: { id: string } }
  }
  const messages = (conversationId: string) => `/v1/bots/fixture/webchat/conversations/${conversationId}/messages`
  const text = { type: 'text', payload: { text: 'hi' } }

  it('opens a session without a credential and resumes it from its key, with a fresh key', async () => {
    const first = await session()
    const resumed = await session(first.userKey)
    expect(resumed).toMatchObject({ user: { id: first.user.id }, conversation: { id: first.conversation.id } })
    expect(await status('POST', messages(first.conversation.id), resumed.userKey, text)).toMatchObject({ status: 201 })
  })

  it('hands out keys good for the configured time', async () => {
    const before = Date.now()
    const { userKey } = await session()
    const expiresAt = JSON.parse(Buffer.from(userKey.split('.')[1]!, 'base64url').toString('utf8'))[3] as number
    expect(expiresAt).toBeGreaterThanOrEqual(before + HOUR)
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + HOUR)
  })

  it('refuses an expired key, and starts a new session for it instead of resuming', async () => {
    const mine = await session()
    const issuedLongAgo = webchatKeys(SECRET, { ttlMs: HOUR, now: () => Date.now() - 2 * HOUR })
    const expired = issuedLongAgo.issue({ botId: 'fixture', userId: mine.user.id, conversationId: mine.conversation.id })
    const refused = await status('POST', messages(mine.conversation.id), expired, text)
    expect(refused).toMatchObject({ status: 401, code: 'UNAUTHORIZED' })
    expect(refused.message).toContain('expired')
    const fresh = await session(expired)
    expect(fresh.user.id).not.toBe(mine.user.id)
    expect(fresh.conversation.id).not.toBe(mine.conversation.id)
  })

  it("allows the key's own conversation only", async () => {
    const mine = await session()
    const theirs = await session()
    expect(await status('POST', messages(mine.conversation.id), mine.userKey, text)).toMatchObject({ status: 201 })
    expect(await status('POST', messages(theirs.conversation.id), mine.userKey, text)).toMatchObject({ status: 403, code: 'FORBIDDEN' })
    expect(await status('GET', `${messages(theirs.conversation.id).replace('/messages', '/stream')}?key=${mine.userKey}`)).toMatchObject({ status: 403 })
  })

  it('is refused when missing or forged, and is no API token', async () => {
    const mine = await session()
    const forged = mine.userKey.slice(0, -2) + (mine.userKey.endsWith('A') ? 'BB' : 'AA')
    expect(await status('POST', messages(mine.conversation.id), undefined, text)).toMatchObject({ status: 401 })
    expect(await status('POST', messages(mine.conversation.id), forged, text)).toMatchObject({ status: 401 })
    expect(await status('GET', '/v1/bots/fixture/users', mine.userKey)).toMatchObject({ status: 401 })
    expect(await status('POST', messages(mine.conversation.id), t.adminToken, text)).toMatchObject({ status: 401 })
  })
})
