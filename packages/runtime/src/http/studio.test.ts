import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDrivers } from '../storage/testing/test-databases.js'
import { startTestServer, type TestServer } from './testing/test-server.js'
import { fixtureBot } from './testing/fixture-bot.js'
import { createStudioClient } from '../http-client/index.js'
import type { Bot } from '@parley/sdk'

// Parley Studio's side of the server: logging in for a session cookie, the routes the studio reads a bot
// through, its live streams, and the studio's own files. Each runs against a real runtime on each database.

const studio = '/v1/bots/fixture/studio'

describe.each(testDrivers())('Parley Studio over HTTP on $name', (driver) => {
  let t: TestServer
  let files: string
  let cookie = ''

  beforeAll(async () => {
    files = await mkdtemp(join(tmpdir(), 'parley-studio-'))
    await mkdir(join(files, 'assets'))
    await writeFile(join(files, 'index.html'), '<!doctype html><title>Studio</title>')
    await writeFile(join(files, 'assets', 'app-1234.js'), 'console.log("studio")')
    await writeFile(join(files, 'assets', 'app-1234.css'), 'body{}')
    const bot = fixtureBot()
    // A line in the log for each message, to find, filter and stream.
    ;(bot.implementation as Bot).on.message('text', ({ message, logger }) => void logger.info('seen', message.payload.text))
    // Workflow runs that go on and end each way, for their timelines.
    ;(bot.implementation as Bot).on.workflowStart('onboarding', ({ logger }) => void logger.info('onboarding begins'))
    ;(bot.implementation as Bot).on.workflowContinue('onboarding', async ({ workflow }) => {
      if (workflow.input.step === 'fail') await workflow.setFailed!({ failureReason: 'no tea left' })
      else await workflow.setCompleted!({ output: { done: true } })
    })
    ;(bot.implementation as Bot).on.workflowTimeout('onboarding', ({ logger }) => void logger.warn('onboarding timed out'))
    t = await startTestServer({ driver, studioDir: files, keepAliveMs: 60_000, runtime: bot })
  })
  afterAll(async () => {
    await t?.close()
    await rm(files, { recursive: true, force: true })
  })

  async function call(method: string, path: string, options: { body?: unknown; auth?: 'cookie' | 'token' | 'none' } = {}) {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    const auth = options.auth ?? 'cookie'
    if (auth === 'cookie') headers['cookie'] = cookie
    if (auth === 'token') headers['authorization'] = `Bearer ${t.adminToken}`
    const response = await fetch(`${t.url}${path}`, { method, headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) })
    const text = await response.text()
    return { status: response.status, headers: response.headers, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text }
  }

  async function chat(text: string, conversationId = 'studio-chat') {
    const bot = t.host.bot('fixture')!
    const { user } = await bot.client.getOrCreateUser({ id: 'studio-user' })
    await bot.client.getOrCreateConversation({ id: conversationId, channel: 'webchat', tags: { topic: 'tea' } })
    return bot.receiveMessage({ conversationId, userId: user.id, type: 'text', payload: { text } })
  }

  it('logs in with a token in the body for an HttpOnly, SameSite=Strict session cookie, and refuses a wrong one', async () => {
    expect((await call('POST', '/v1/studio/session', { body: { token: 'not-a-token-at-all' }, auth: 'none' })).status).toBe(401)
    expect((await call('GET', '/v1/studio/session', { auth: 'none' })).status).toBe(401)
    const login = await call('POST', '/v1/studio/session', { body: { token: t.adminToken }, auth: 'none' })
    expect(login).toMatchObject({ status: 200, body: { scope: 'admin' } })
    const setCookie = login.headers.get('set-cookie')!
    expect(setCookie).toMatch(/^parley_studio=[\w-]{40,};/)
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Strict/)
    expect(setCookie).toMatch(/Path=\//)
    expect(setCookie).not.toContain(t.adminToken)
    cookie = setCookie.split(';')[0]!
    expect(await call('GET', '/v1/studio/session')).toMatchObject({ status: 200, body: { scope: 'admin' } })
  })

  it('lets the session reach the whole API, as a token of its scope would', async () => {
    expect(await call('GET', '/v1/bots')).toMatchObject({ status: 200, body: { bots: [{ id: 'fixture' }] } })
    expect((await call('GET', '/openapi.json')).status).toBe(200)
    const botLogin = await call('POST', '/v1/studio/session', { body: { token: t.otherToken }, auth: 'none' })
    const other = botLogin.headers.get('set-cookie')!.split(';')[0]!
    const refused = await fetch(`${t.url}${studio}/overview`, { headers: { cookie: other } })
    expect(refused.status).toBe(403)
  })

  it('shows the bot: plugins and integrations with versions, secrets masked, and the schemas of its states', async () => {
    const { status, body } = await call('GET', `${studio}/overview`)
    expect(status).toBe(200)
    expect(body.plugins).toEqual([{ alias: 'counter', name: 'counter', version: '1.0.0', configuration: {}, adminPages: [] }])
    expect(body.integrations).toMatchObject([{ alias: 'relay', name: 'relay', version: '1.0.0' }])
    expect(body.states).toContainEqual({ name: 'profile', type: 'user', schema: expect.objectContaining({ type: ['object'], properties: expect.objectContaining({ visits: expect.anything() }) }) })
    expect(body.tables.map((table: { name: string }) => table.name)).toEqual(['notes'])
  })

  it('serves a page a plugin registered, sandboxed and framed only by this server, behind the session', async () => {
    const page = await call('GET', `${studio}/plugin-pages/counter?path=stats`)
    expect(page).toMatchObject({ status: 200, body: '<!doctype html><title>Counter stats</title><h1>Counted</h1>' })
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toBe("sandbox allow-scripts allow-forms allow-popups; frame-ancestors 'self'")
    expect((await call('GET', `${studio}/plugin-pages/counter?path=stats`, { auth: 'none' })).status).toBe(401)
    expect(await call('GET', `${studio}/plugin-pages/counter?path=elsewhere`)).toMatchObject({ status: 404, body: { error: { code: 'PLUGIN_PAGE_NOT_FOUND' } } })
    expect(await call('GET', `${studio}/plugin-pages/__proto__?path=stats`)).toMatchObject({ status: 400, body: { error: { code: 'REQUEST_INVALID' } } })
    expect((await call('GET', `${studio}/plugin-pages/counter`)).status).toBe(400)
  })

  it('serves the trace of each turn of a conversation, and one turn by id', async () => {
    await chat('hello')
    const { body } = await call('GET', `${studio}/conversations/studio-chat/turns`)
    const [turn] = body.turns
    expect(turn).toMatchObject({ kind: 'message', conversationId: 'studio-chat', failed: false })
    expect(turn.steps).toContainEqual(expect.objectContaining({ kind: 'handler', owner: 'bot', name: 'text', result: 'ok' }))
    expect(turn.steps).toContainEqual(expect.objectContaining({ kind: 'message', type: 'text' }))
    expect((await call('GET', `${studio}/turns/${turn.turnId}`)).body).toEqual({ turn })
    expect(await call('GET', `${studio}/turns/no-such-turn`)).toMatchObject({ status: 404, body: { error: { code: 'TURN_NOT_FOUND' } } })
  })

  it('finds conversations by user, tag and date', async () => {
    await chat('find me', 'studio-find')
    const byUser = await call('GET', `${studio}/conversations?userId=studio-user`)
    expect(byUser.body.conversations.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(['studio-find', 'studio-chat']))
    const byTag = await call('GET', `${studio}/conversations?tags[topic]=coffee`)
    expect(byTag.body.conversations).toEqual([])
    const later = await call('GET', `${studio}/conversations?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)
    expect(later.body.conversations).toEqual([])
    expect(await call('GET', `${studio}/conversations?from=yesterday`)).toMatchObject({ status: 400, body: { error: { issues: [expect.objectContaining({ path: 'query.from' })] } } })
  })

  it('counts turns per minute with their latency', async () => {
    const { body } = await call('GET', `${studio}/metrics?minutes=3`)
    expect(body.buckets).toHaveLength(3)
    expect(body.buckets.reduce((sum: number, bucket: { turns: number }) => sum + bucket.turns, 0)).toBeGreaterThanOrEqual(2)
    expect((await call('GET', `${studio}/metrics?minutes=1e308`)).status).toBe(400)
  })

  it('lists states by type and id, with their versions', async () => {
    await t.host.bot('fixture')!.client.setState({ type: 'user', id: 'studio-user', name: 'profile', payload: { name: 'Ada', visits: 1 } })
    const { body } = await call('GET', `${studio}/states?type=user&id=studio-user`)
    expect(body.states).toEqual([expect.objectContaining({ type: 'user', id: 'studio-user', name: 'profile', version: 1, payload: { name: 'Ada', visits: 1 } })])
    expect((await call('GET', `${studio}/states?type=planet`)).status).toBe(400)
  })

  it('lists jobs by status, retries a failed one and cancels a scheduled one', async () => {
    const bot = t.host.bot('fixture')!
    await bot.client.createEvent({ type: 'pinged', payload: { note: 'later' }, schedule: { delayMs: 3_600_000 } })
    const scheduled = (await call('GET', `${studio}/jobs?status=scheduled`)).body.jobs
    expect(scheduled).toContainEqual(expect.objectContaining({ kind: 'event', attempts: 0 }))
    const recurring = (await call('GET', `${studio}/jobs?status=recurring`)).body.jobs
    expect(recurring).toContainEqual(expect.objectContaining({ kind: 'traceExpiry' }))
    const job = scheduled.find((j: { kind: string }) => j.kind === 'event')
    const retried = await call('POST', `${studio}/jobs/${job.id}/retry`)
    expect(retried).toMatchObject({ status: 200, body: { job: { id: job.id, attempts: 0 } } })
    expect(new Date(retried.body.job.runAt).getTime()).toBeLessThanOrEqual(Date.now() + 1000)
    expect((await call('DELETE', `${studio}/jobs/${job.id}`)).status).toBe(204)
    expect(await call('DELETE', `${studio}/jobs/${job.id}`)).toMatchObject({ status: 404, body: { error: { code: 'JOB_NOT_FOUND' } } })
    expect((await call('GET', `${studio}/jobs?status=failed`)).body.jobs).toEqual([])
  })

  it('shows a workflow run as a timeline', async () => {
    const { workflow } = await t.host.bot('fixture')!.client.startWorkflow({ name: 'onboarding', input: { step: 'one' } })
    const { body } = await call('GET', `${studio}/workflows/${workflow.id}/timeline`)
    expect(body.workflow).toMatchObject({ id: workflow.id, name: 'onboarding' })
    expect(body.entries[0]).toMatchObject({ kind: 'started', summary: 'onboarding started' })
    expect((await call('GET', `${studio}/workflows/none/timeline`)).status).toBe(404)
  })

  it('shows the turns of workflow runs that went on and ended completed, failed and timed out', async () => {
    const client = t.host.bot('fixture')!.client
    const start = async (step: string) => (await client.startWorkflow({ name: 'onboarding', input: { step } })).workflow.id
    const [completed, failed, late] = [await start('done'), await start('fail'), await start('late')]
    await t.runtime.runJobs()
    await client.updateWorkflow({ id: completed, status: 'in_progress' })
    await client.updateWorkflow({ id: failed, status: 'in_progress' })
    await client.updateWorkflow({ id: late, timeoutAt: new Date(Date.now() - 1).toISOString() })
    await t.runtime.runJobs()
    const timeline = async (id: string) => (await call('GET', `${studio}/workflows/${id}/timeline`)).body as { workflow: { status: string }; entries: { kind: string; summary: string; turnId?: string; failed?: boolean }[] }
    const handlers = (entries: { kind: string; summary: string }[]) => entries.filter((entry) => entry.kind === 'turn').map((entry) => entry.summary.replace(/ in [\d.]+ ms$/, ''))

    const done = await timeline(completed)
    expect(done.workflow.status).toBe('completed')
    expect(done.entries.map((entry) => entry.kind)).toEqual(['started', 'turn', 'turn', 'finished'])
    expect(handlers(done.entries)).toEqual(['workflowStart (bot)', 'workflowContinue (bot)'])
    expect(done.entries.at(-1)!.summary).toBe('completed')

    const given = await timeline(failed)
    expect(handlers(given.entries)).toEqual(['workflowStart (bot)', 'workflowContinue (bot)'])
    expect(given.entries.at(-1)).toMatchObject({ kind: 'finished', summary: 'failed: no tea left' })

    const timedOut = await timeline(late)
    expect(timedOut.workflow.status).toBe('timed_out')
    expect(handlers(timedOut.entries)).toEqual(['workflowStart (bot)', 'workflowTimeout (bot)'])
    expect(timedOut.entries.map((entry) => entry.kind)).toEqual(expect.arrayContaining(['started', 'timeout', 'finished']))
    // Each turn entry opens that turn's trace.
    for (const entry of timedOut.entries.filter((e) => e.kind === 'turn')) {
      expect((await call('GET', `${studio}/turns/${entry.turnId}`)).body.turn).toMatchObject({ turnId: entry.turnId, workflowId: late, failed: false })
    }
  })

  it('lists the turns that ran the handlers of a conversation\'s workflow with that conversation\'s turns', async () => {
    await chat('before the workflow', 'studio-workflow')
    const { workflow } = await t.host.bot('fixture')!.client.startWorkflow({ name: 'onboarding', input: { step: 'done' }, conversationId: 'studio-workflow' })
    await t.runtime.runJobs()
    const [turn] = ((await call('GET', `${studio}/workflows/${workflow.id}/timeline`)).body as { entries: { kind: string; turnId?: string }[] }).entries.filter((entry) => entry.kind === 'turn')
    const turns = (await call('GET', `${studio}/conversations/studio-workflow/turns`)).body.turns as { turnId: string; workflowId?: string }[]
    expect(turns.find((listed) => listed.turnId === turn!.turnId)).toMatchObject({ workflowId: workflow.id, conversationId: 'studio-workflow' })
  })

  it('filters log lines by level, source, conversation and turn, each naming its turn', async () => {
    await chat('logged', 'studio-logs')
    const [line, ...more] = (await call('GET', `${studio}/logs?conversationId=studio-logs&level=info&source=bot`)).body.logs
    expect(more).toEqual([])
    expect(line).toMatchObject({ message: 'seen logged', turnId: expect.any(String) })
    expect((await call('GET', `${studio}/logs?turnId=${line.turnId}`)).body.logs).toEqual([line])
    expect((await call('GET', `${studio}/logs?conversationId=studio-logs&level=warn`)).body.logs).toEqual([])
    expect((await call('GET', `${studio}/logs?after=${line.seq}&conversationId=studio-logs`)).body.logs).toEqual([])
    expect((await call('GET', `${studio}/logs?level=loud`)).status).toBe(400)
  })

  it('streams each stored turn and each log line as server-sent events', async () => {
    const turns = await openStream(`${studio}/stream/turns`)
    const logs = await openStream(`${studio}/stream/logs?level=info&conversationId=studio-live`)
    await chat('live', 'studio-live')
    const turn = await turns.next('turn') as { turnId: string }
    expect(turn).toMatchObject({ kind: 'message', conversationId: 'studio-live' })
    expect(await logs.next('log')).toMatchObject({ level: 'info', source: 'bot', message: 'seen live', conversationId: 'studio-live', turnId: turn.turnId, seq: expect.any(Number) })
    turns.close()
    logs.close()
  })

  async function openStream(path: string) {
    const controller = new AbortController()
    const response = await fetch(`${t.url}${path}`, { headers: { cookie }, signal: controller.signal })
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    let buffer = ''
    const next = async (event: string): Promise<unknown> => {
      for (;;) {
        const match = new RegExp(`event: ${event}\\ndata: (.*)\\n`).exec(buffer)
        if (match) {
          buffer = buffer.slice(match.index + match[0].length)
          return JSON.parse(match[1]!)
        }
        const { value, done } = await reader.read()
        if (done) throw new Error(`the stream ended before a "${event}" event`)
        buffer += value
      }
    }
    await next('ready')
    return { next, close: () => controller.abort() }
  }

  it('answers the HTTP client derived from the same table', async () => {
    const client = createStudioClient({ url: t.url, token: t.adminToken, botId: 'fixture' })
    expect((await client.getStudioOverview({})).plugins.map((p) => p.alias)).toEqual(['counter'])
    const { turns } = await client.listConversationTurns({ conversationId: 'studio-chat', limit: 1 })
    expect(turns).toHaveLength(1)
    expect((await client.getTurn({ turnId: turns[0]!.turnId })).turn.turnId).toBe(turns[0]!.turnId)
    await t.host.bot('fixture')!.client.createEvent({ type: 'pinged', payload: { note: 'cancel me' }, schedule: { delayMs: 3_600_000 } })
    const [job] = (await client.listJobs({ status: 'scheduled' })).jobs.filter((j) => j.kind === 'event')
    await client.cancelJob({ jobId: job!.id })
    await expect(client.retryJob({ jobId: job!.id })).rejects.toMatchObject({ status: 404, code: 'JOB_NOT_FOUND' })
  })

  it('ends the session on logout', async () => {
    expect((await call('DELETE', '/v1/studio/session')).status).toBe(204)
    expect(await call('GET', `${studio}/overview`)).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED', message: expect.stringContaining('log in again') } } })
  })

  it("serves the studio's files with their types, the app for its own paths, and nothing outside its folder", async () => {
    const page = await fetch(`${t.url}/studio/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(await page.text()).toContain('<title>Studio</title>')
    const script = await fetch(`${t.url}/studio/assets/app-1234.js`)
    expect([script.status, script.headers.get('content-type'), script.headers.get('cache-control')]).toEqual([200, 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'])
    expect((await fetch(`${t.url}/studio/assets/app-1234.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8')
    const deepLink = await fetch(`${t.url}/studio/conversations/abc`)
    expect([deepLink.status, await deepLink.text()]).toEqual([200, '<!doctype html><title>Studio</title>'])
    expect((await fetch(`${t.url}/studio/assets/missing.js`)).status).toBe(404)
    expect((await fetch(`${t.url}/studio`, { redirect: 'manual' })).headers.get('location')).toBe('/studio/')
    for (const path of ['/studio/%2e%2e/package.json', '/studio/..%2fpackage.json', '/studio/assets/..%5c..%5cpackage.json', '/studio/%00index.html', '/studio/%E0%A4%A']) {
      const response = await fetch(`${t.url}${path}`)
      expect([path, response.status]).toEqual([path, 404])
    }
  })
})
