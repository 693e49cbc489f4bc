import { BotDefinition, BotImplementation, createPlugin, signHmac } from '@parley/sdk'
import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKvStore } from '../../src/storage/index.js'
import { startTestServer, type TestServer } from '../../src/http/testing/test-server.js'
import { testDrivers } from '../../src/storage/testing/test-databases.js'
import { adminPlugin, analyticsPlugin, githubPlugin, tracked } from './examples.js'

// Seed 001's endpoints, webhooks and admin pages, reached from outside over HTTP.

const SECRET = 'github-webhook-secret'

const fragile = createPlugin({
  name: 'fragile', version: '1.0.0',
  endpoints: [{ method: 'GET', path: '/boom', handler: async () => { throw new Error('the endpoint broke') } }],
})

const probe = createPlugin({
  name: 'probe', version: '1.0.0',
  endpoints: [
    { method: 'GET', path: '/ping', handler: async (req, res) => res.json({ path: req.path, headers: Object.keys(req.headers) }) },
    { method: 'GET', path: '/secret', auth: true, handler: async (req, res) => res.json({ headers: Object.keys(req.headers) }) },
  ],
})

/** A request as written, `..` and encoded slashes included: fetch would tidy the path first. */
function rawGet(base: string, path: string, headers: Record<string, string> = {}): Promise<number> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const request = httpRequest({ hostname, port, path, headers }, (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    request.on('error', reject).end()
  })
}

function composed() {
  const definition = new BotDefinition({})
  definition.addPlugin(analyticsPlugin, {})
  definition.addPlugin(githubPlugin, { configuration: { webhookSecrets: { 'github-events': SECRET } } })
  definition.addPlugin(adminPlugin, {})
  definition.addPlugin(fragile, {})
  definition.addPlugin(probe, {})
  return { definition, implementation: new BotImplementation({ actions: {} }) }
}

describe.each(testDrivers().map((driver) => [driver.name, driver] as const))('seed 001 over HTTP on %s', (_name, driver) => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer({ driver, runtime: composed() })
  })
  afterAll(() => t?.close())

  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${t.url}${path}`, init)
    const text = await response.text()
    return { status: response.status, type: response.headers.get('content-type'), text, json: () => JSON.parse(text) }
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

  it('serves an endpoint with auth: true to a token covering the bot only', async () => {
    expect((await call('/api/plugins/analytics-plugin/endpoints/stats')).status).toBe(401)
    expect((await call('/api/plugins/analytics-plugin/endpoints/stats', { headers: bearer('not-a-token-at-all') })).status).toBe(401)
    expect((await call('/api/plugins/analytics-plugin/endpoints/stats', { headers: bearer(t.otherToken) })).status).toBe(403)
    const ok = await call('/api/plugins/analytics-plugin/endpoints/stats', { headers: bearer(t.botToken) })
    expect(ok.status).toBe(200)
    expect(ok.json()).toEqual({ stats: { userId: 'bot:fixture', tracked: tracked.length } })
    expect((await call('/v1/bots/fixture/plugins/analytics-plugin/endpoints/stats', { headers: bearer(t.adminToken) })).json()).toMatchObject({ stats: { userId: 'admin' } })
  })

  it('serves a public endpoint with its status and JSON body', async () => {
    const before = tracked.length
    const answer = await call('/api/plugins/analytics-plugin/endpoints/track', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'signup' }) })
    expect(answer).toMatchObject({ status: 201, type: 'application/json' })
    expect(answer.json()).toEqual({ tracked: true })
    expect(tracked.slice(before)).toEqual([{ name: 'signup' }])
  })

  it('answers 500 in JSON for an endpoint that throws, and serves on', async () => {
    const answer = await call('/api/plugins/fragile/endpoints/boom')
    expect(answer.status).toBe(500)
    expect(answer.json()).toMatchObject({ error: { code: 'ENDPOINT_FAILED', message: expect.stringContaining('"fragile"') } })
    expect(answer.text).not.toContain('the endpoint broke')
    expect(t.serverErrors.splice(0)).toHaveLength(1)
    expect((await call('/api/plugins/analytics-plugin/endpoints/stats', { headers: bearer(t.botToken) })).status).toBe(200)
  })

  it('answers 404 in JSON for what no plugin serves', async () => {
    for (const path of ['/api/plugins/analytics-plugin/endpoints/nothing', '/api/plugins/__proto__/endpoints/stats', '/api/plugins/nobody/endpoints/stats']) {
      const answer = await call(path)
      expect(answer.status).toBe(404)
      expect(answer.json()).toMatchObject({ error: { code: 'PLUGIN_ROUTE_NOT_FOUND' } })
    }
    expect((await call('/api/plugins/analytics-plugin/endpoints/track')).status).toBe(404)
  })

  it('takes a signed GitHub webhook, and refuses a bad signature with nothing handled', async () => {
    const body = JSON.stringify({ ref: 'refs/heads/main' })
    const url = '/api/plugins/github-integration/webhooks/github-events'
    const signed = { 'x-github-event': 'push', 'x-hub-signature-256': signHmac({ secret: SECRET, payload: body, prefix: 'sha256=' }) }
    const logged = async () => (await t.runtime.logs()).filter((record) => record.message === 'Received GitHub push event').length
    expect((await call(url, { method: 'POST', headers: { ...signed, 'x-hub-signature-256': 'sha256=00' }, body })).status).toBe(401)
    expect((await call(url, { method: 'POST', headers: { 'x-github-event': 'push' }, body })).status).toBe(401)
    expect(await logged()).toBe(0)
    const ok = await call(url, { method: 'POST', headers: signed, body })
    expect(ok).toMatchObject({ status: 200 })
    expect(ok.json()).toEqual({ received: true, event: 'push' })
    expect(await logged()).toBe(1)
    const ignored = await call(url, { method: 'POST', headers: { ...signed, 'x-github-event': 'star' }, body })
    expect(ignored.status).toBe(202)
  })

  it('lists admin pages for a token, and serves each as a page', async () => {
    expect((await call('/v1/bots/fixture/plugins/pages')).status).toBe(401)
    const { pages } = (await call('/v1/bots/fixture/plugins/pages', { headers: bearer(t.botToken) })).json()
    expect(pages).toEqual([{
      pluginId: 'admin-extension', path: '/admin-extension/dashboard', title: 'Extension Dashboard', icon: 'chart-bar',
      component: 'ExtensionDashboard', group: 'plugins', url: '/api/plugins/admin-extension/pages/admin-extension/dashboard',
    }])
    const page = await call(pages[0].url)
    expect(page).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' })
    expect(page.text).toContain('<h1>Extension Dashboard</h1>')
  })

  it('resolves dot segments before choosing a route, and serves no route at an encoded slash', async () => {
    expect(await rawGet(t.url, '/api/plugins/probe/endpoints/../endpoints/secret')).toBe(401)
    expect(await rawGet(t.url, '/api/plugins/fragile/../probe/endpoints/secret')).toBe(401)
    expect(await rawGet(t.url, '/api/plugins/probe/endpoints/%2e%2e/endpoints/secret')).toBe(401)
    expect(await rawGet(t.url, '/api/plugins/probe/endpoints%2Fsecret', bearer(t.botToken))).toBe(404)
    expect(await rawGet(t.url, '/api/plugins/probe%2Fendpoints/secret', bearer(t.botToken))).toBe(404)
    expect(await rawGet(t.url, '/api/plugins/probe/endpoints/secret', bearer(t.botToken))).toBe(200)
    for (const method of ['PUT', 'DELETE', 'PATCH', 'POST']) expect((await call('/api/plugins/probe/endpoints/ping', { method })).status).toBe(404)
  })

  it('keeps a token route\'s credential from the plugin, and gives a public route every header', async () => {
    const secret = await call('/api/plugins/probe/endpoints/secret', { headers: { ...bearer(t.botToken), cookie: 'a=b', 'x-probe': '1' } })
    expect(secret.json().headers).toContain('x-probe')
    expect(secret.json().headers).not.toContain('authorization')
    expect(secret.json().headers).not.toContain('cookie')
    expect((await call('/api/plugins/probe/endpoints/ping', { headers: { cookie: 'a=b' } })).json().headers).toContain('cookie')
  })

  it('refuses a body over the limit with 413, to endpoints and webhooks alike, handling nothing', async () => {
    const before = tracked.length
    const huge = JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) })
    const track = await call('/api/plugins/analytics-plugin/endpoints/track', { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge })
    expect(track.status).toBe(413)
    expect(track.json()).toMatchObject({ error: { code: expect.any(String) } })
    expect(tracked.length).toBe(before)
    const signed = { 'x-github-event': 'push', 'x-hub-signature-256': signHmac({ secret: SECRET, payload: huge, prefix: 'sha256=' }) }
    expect((await call('/api/plugins/github-integration/webhooks/github-events', { method: 'POST', headers: signed, body: huge })).status).toBe(413)
    expect((await t.runtime.logs()).filter((record) => record.message.startsWith('Received GitHub'))).toHaveLength(1)
  })

  it('limits a public endpoint per caller with 429 in JSON, and the bot serves its token routes on', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 125; i++) statuses.push((await call('/api/plugins/probe/endpoints/ping')).status)
    // 120 a minute per caller and plugin: this file's earlier calls to the plugin count too.
    const first = statuses.indexOf(429)
    expect(first).toBeGreaterThan(115)
    expect(new Set(statuses.slice(0, first))).toEqual(new Set([200]))
    expect(new Set(statuses.slice(first))).toEqual(new Set([429]))
    const limited = await call('/api/plugins/probe/endpoints/ping')
    expect(limited.status).toBe(429)
    expect(limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED', message: expect.stringContaining('probe') } })
    expect((await call('/api/plugins/probe/endpoints/secret', { headers: bearer(t.botToken) })).status).toBe(200)
  })

  it('handles a signed delivery once: the same X-GitHub-Delivery sent again is answered, not handled again', async () => {
    const body = JSON.stringify({ action: 'opened' })
    const url = '/api/plugins/github-integration/webhooks/github-events'
    const headers = { 'x-github-event': 'issues', 'x-github-delivery': `d-${_name}`, 'x-hub-signature-256': signHmac({ secret: SECRET, payload: body, prefix: 'sha256=' }) }
    const handled = async () => (await t.runtime.logs()).filter((record) => record.message === 'Received GitHub issues event').length
    const sends = await Promise.all([1, 2, 3].map(() => call(url, { method: 'POST', headers, body })))
    expect(sends.map((send) => send.status)).toEqual([200, 200, 200])
    expect(sends.filter((send) => send.json().duplicate === true)).toHaveLength(2)
    expect(await handled()).toBe(1)
    expect((await call(url, { method: 'POST', headers: { ...headers, 'x-github-delivery': `e-${_name}` }, body })).json()).toEqual({ received: true, event: 'issues' })
    expect(await handled()).toBe(2)
    expect((await call(url, { method: 'POST', headers: { ...headers, 'x-github-delivery': 'x'.repeat(201) }, body })).status).toBe(400)
    const kv = createKvStore(t.runtime.database, t.runtime.botId, 'github-integration')
    expect([await kv.keys(), await kv.count(), await kv.find()]).toEqual([[], 0, []])
  })
})
