import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BotDefinition, BotImplementation, manifestPlugin } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from './testing/test-server.js'

// A plugin folder's routes.py (a Flask blueprint) served under the bot's API, behind its token.

const root = mkdtempSync(join(tmpdir(), 'parley-folder-routes-'))
const ROUTES = `from flask import Blueprint, jsonify, render_template, request

def create_blueprint():
    bp = Blueprint('stats', __name__, template_folder='templates')

    @bp.route('/')
    def index():
        return render_template('page.html', name=request.args.get('name', 'world'))

    @bp.route('/api/echo', methods=['POST', 'PUT'])
    def echo():
        return jsonify({'method': request.method, 'got': request.get_json(), 'credential': request.headers.get('authorization')}), 201

    @bp.route('/api/broken')
    def broken():
        raise ValueError('nope')

    @bp.route('/report/')
    def report():
        return '<h1>Report</h1>'

    @bp.route('/closed/')
    def closed():
        return '<h1>Closed for maintenance</h1>', 503

    @bp.route('/entries/<int:n>')
    def entry(n):
        return str(n)

    return bp
`

function statsFolder(): string {
  const dir = join(root, 'stats')
  mkdirSync(join(dir, 'templates'), { recursive: true })
  writeFileSync(join(dir, 'plugin.json'), JSON.stringify({ id: 'stats', name: 'Stats', version: '1.0.0', description: 'Pages', events: ['message_received'] }))
  writeFileSync(join(dir, 'handler.py'), 'def on_message_received(event, sdk):\n    pass\n')
  writeFileSync(join(dir, 'routes.py'), ROUTES)
  writeFileSync(join(dir, 'templates', 'page.html'), '<h1>Hello {{ name }}</h1>')
  return dir
}

let t: TestServer
beforeAll(async () => {
  const definition = new BotDefinition({})
  definition.addPlugin(manifestPlugin(statsFolder()), { alias: 'stats' })
  t = await startTestServer({ runtime: { definition, implementation: new BotImplementation({ actions: {} }) } })
})
afterAll(async () => {
  await t.close()
  rmSync(root, { recursive: true, force: true })
})

const base = '/v1/bots/fixture/plugins/stats/routes'
async function call(path: string, init: RequestInit & { token?: string } = {}) {
  const response = await fetch(`${t.url}${path}`, { ...init, headers: { authorization: `Bearer ${init.token ?? t.botToken}`, ...(init.headers as object) } })
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() }
}

describe('a plugin folder\'s routes.py over HTTP', () => {
  it('serves its pages, rendered from its templates', async () => {
    expect(await call(`${base}?name=%3CAda%3E`)).toEqual({ status: 200, type: 'text/html; charset=utf-8', text: '<h1>Hello &lt;Ada&gt;</h1>' })
  })

  it('serves its API routes with their methods, and keeps the caller\'s credential from the plugin', async () => {
    const answer = await call(`${base}/api/echo`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"n":1}' })
    expect(answer.status).toBe(201)
    expect(JSON.parse(answer.text)).toEqual({ method: 'PUT', got: { n: 1 }, credential: null })
  })

  it('is served by the one mount of plugin routes, at /api/plugins/<alias>/routes too', async () => {
    const answer = await call('/api/plugins/stats/routes/api/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":2}' })
    expect([answer.status, JSON.parse(answer.text)]).toEqual([201, { method: 'POST', got: { n: 2 }, credential: null }])
    expect((await fetch(`${t.url}/api/plugins/stats/routes/api/echo`, { method: 'POST' })).status).toBe(401)
    expect((await call('/api/plugins/stats/routesx')).status).toBe(404)
  })

  it('needs a token for the bot', async () => {
    expect((await call(base, { token: t.otherToken })).status).toBe(403)
    expect((await fetch(`${t.url}${base}`)).status).toBe(401)
  })

  it('lists its pages for the dashboard, titled by their paths, and serves them in the Studio by their own routes', async () => {
    const listed = JSON.parse((await call('/v1/bots/fixture/plugins/pages')).text) as { pages: { path: string }[] }
    // Pages are the GET routes a browser opens by address alone: no variables, nothing under api/.
    expect(listed.pages).toEqual([
      { pluginId: 'stats', path: '/', title: '/', group: 'Stats', route: 'routes/', url: '/api/plugins/stats/routes' },
      { pluginId: 'stats', path: '/closed/', title: '/closed/', group: 'Stats', route: 'routes/closed/', url: '/api/plugins/stats/routes/closed' },
      { pluginId: 'stats', path: '/report/', title: '/report/', group: 'Stats', route: 'routes/report/', url: '/api/plugins/stats/routes/report' },
    ])
    const page = await fetch(`${t.url}/v1/bots/fixture/studio/plugin-pages/stats?path=${encodeURIComponent('/report/')}`, { headers: { authorization: `Bearer ${t.botToken}` } })
    expect([page.status, await page.text()]).toEqual([200, '<h1>Report</h1>'])
    expect(page.headers.get('content-security-policy')).toContain('sandbox allow-scripts')
    // Served by routes.py, the page keeps its token check: it is not served again as a public page.
    expect((await fetch(`${t.url}/api/plugins/stats/pages/report`)).status).toBe(404)
    expect((await fetch(`${t.url}/api/plugins/stats/routes/report/`)).status).toBe(401)
  })

  it('shows a page that answers an error in the Studio with its own status and body, still sandboxed', async () => {
    const page = await fetch(`${t.url}/v1/bots/fixture/studio/plugin-pages/stats?path=${encodeURIComponent('/closed/')}`, { headers: { authorization: `Bearer ${t.botToken}` } })
    expect([page.status, await page.text()]).toEqual([503, '<h1>Closed for maintenance</h1>'])
    expect(page.headers.get('content-security-policy')).toContain('sandbox allow-scripts')
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
  })

  it('answers Flask\'s own 404 and 500, and 404 for a plugin that has no routes', async () => {
    expect((await call(`${base}/nothing`)).status).toBe(404)
    expect((await call(`${base}/api/broken`)).status).toBe(500)
    const missing = await call('/v1/bots/fixture/plugins/nobody/routes/x')
    expect(missing.status).toBe(404)
    expect(JSON.parse(missing.text)).toMatchObject({ error: { code: 'PLUGIN_ROUTE_NOT_FOUND' } })
  })
})
