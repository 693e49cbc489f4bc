import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDrivers } from '../storage/testing/test-databases.js'
import { FAILING_WEBHOOK_PATH } from './testing/fixture-bot.js'
import { fixtureExamples } from './testing/fixture-examples.js'
import { fuzzRequests, type FuzzRequest, type FuzzTargets, type OpenApi } from './testing/fuzz-requests.js'
import { startTestServer, type TestServer } from './testing/test-server.js'

// Property-based requests generated from /openapi.json, against a live server on each database: none is
// answered with a 5xx, none hangs, and afterwards the server is healthy and still takes a message.
//
// Seeded and bounded for the test run; a longer run: PARLEY_FUZZ_RUNS=5000 (and PARLEY_FUZZ_SEED=<n> for
// another sequence, or the seed a failure printed to replay it).

const RUNS = Number(process.env['PARLEY_FUZZ_RUNS'] ?? 400)
const SEED = Number(process.env['PARLEY_FUZZ_SEED'] ?? 20_250_601)
/** Generous: a request answered later than this counts as a hang, however busy the machine. */
const ANSWER_WITHIN_MS = 30_000

const NAMES = [
  'notes', 'title', 'score', 'topic', 'profile', 'notebook', 'counter:seen', 'counter:bump', 'count', 'by', 'name', 'visits', 'data',
  'pinged', 'note', 'add', 'a', 'b', 'onboarding', 'step', 'done', 'text', 'choice', 'webchat', 'relay:line', 'plan', 'menu', 'id', 'createdAt',
]

describe.each(testDrivers().map((driver) => [driver.name, driver] as const))('the API under generated requests on %s', (_name, driver) => {
  let t: TestServer
  let targets: FuzzTargets
  beforeAll(async () => {
    t = await startTestServer({ driver, keepAliveMs: 1000 })
    targets = await prepare(t)
  })
  afterAll(() => t?.close())

  it(`answers ${RUNS} of them without a 5xx and without hanging (seed ${SEED})`, async () => {
    await fc.assert(fc.asyncProperty(fuzzRequests(targets), async (request) => {
      const status = await send(t, request)
      expect(status, describeRequest(request)).toBeLessThan(500)
    }), { seed: SEED, numRuns: RUNS, endOnFailure: true })
  }, RUNS * 2_000)

  it('is healthy afterwards: it answers, takes a message and replies, and served no 500', async () => {
    expect((await fetch(`${t.url}/health`)).status).toBe(200)
    const client = t.runtime.client()
    const { user } = await client.getOrCreateUser({ name: 'after the storm' })
    const { conversation } = await client.getOrCreateConversation({})
    const response = await fetch(`${t.url}/v1/bots/fixture/messages/incoming`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text: 'still there?' } }),
    })
    expect(response.status).toBe(201)
    const { messages } = await client.listMessages({ conversationId: conversation.id })
    expect(messages.map((message) => message.payload)).toEqual([{ text: 'still there?' }, { text: 'echo: still there?' }])
    expect(t.serverErrors).toEqual([])
    expect(Object.keys(Object.prototype)).toEqual([])
  })
})

/** Records to aim at, so that generated calls reach storage and not only "not found". */
async function prepare(t: TestServer): Promise<FuzzTargets> {
  const client = t.runtime.client()
  const { user } = await client.getOrCreateUser({ name: 'Ada', tags: { plan: 'pro' } })
  const { conversation } = await client.getOrCreateConversation({ channel: 'webchat' })
  const { message } = await client.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text: 'hi' } })
  const { event } = await client.createEvent({ type: 'pinged', payload: { note: 'x' } })
  const { workflow } = await client.startWorkflow({ name: 'onboarding', input: { step: 'one' } })
  const { rows } = await client.createTableRows({ table: 'notes', rows: [{ title: 'a', score: 1, topic: 'x' }, { title: 'b', score: 2, topic: 'y' }] })
  await client.setState({ type: 'bot', id: 'fixture', name: 'notebook', payload: { data: { any: 'thing' } } })
  await client.setState({ type: 'user', id: user.id, name: 'profile', payload: { name: 'Ada', visits: 1 } })
  const session = await (await fetch(`${t.url}/v1/bots/fixture/webchat/session`, { method: 'POST', body: '{}' })).json() as { userKey: string; conversation: { id: string } }
  const document = await (await fetch(`${t.url}/openapi.json`, { headers: { authorization: `Bearer ${t.adminToken}` } })).json() as OpenApi
  return {
    document,
    tokens: { admin: t.adminToken, bot: t.botToken, other: t.otherToken },
    webchatKey: session.userKey,
    known: {
      botId: ['fixture', 'fixture', 'other'],
      id: [user.id, conversation.id, message.id, event.id, workflow.id, 'fixture', ...rows.map((row) => String(row.id))],
      conversationId: [conversation.id, session.conversation.id],
      table: ['notes'],
      name: ['profile', 'notebook', 'counter:seen'],
      alias: ['relay'],
      path: ['message', 'a/b', 'echo'],
    },
    names: NAMES,
    avoid: { path: [FAILING_WEBHOOK_PATH.slice(1)] },
    examples: fixtureExamples({ conversationId: conversation.id, userId: user.id }),
  }
}

/** The status the server answered with; a stream is closed as soon as it answered. */
async function send(t: TestServer, request: FuzzRequest): Promise<number> {
  const carriesBody = !['GET', 'HEAD'].includes(request.method)
  const response = await fetch(`${t.url}${request.target}`, {
    method: request.method,
    headers: request.headers,
    ...(carriesBody && request.body !== undefined ? { body: request.body } : {}),
    signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
  })
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) await response.body?.cancel()
  else await response.arrayBuffer()
  return response.status
}

function describeRequest(request: FuzzRequest): string {
  const body = request.body === undefined ? '' : ` ${JSON.stringify(request.body.slice(0, 300))}${request.body.length > 300 ? '…' : ''}`
  return `${request.operation}: ${request.method} ${request.target.slice(0, 300)} ${JSON.stringify(request.headers)}${body}`
}
