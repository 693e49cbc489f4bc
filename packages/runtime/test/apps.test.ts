import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { BotDefinition, BotImplementation, verifyAppRequest } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../src/storage/testing/test-databases.js'
import { createTestBot, type TestBot } from '../src/testing/index.js'

interface Received {
  readonly uid: string | null
  readonly signature: string | undefined
  readonly body: string
  readonly json: Record<string, any>
}

/** An app's server: records what it is sent and answers as the test says. */
async function receiver() {
  const received: Received[] = []
  let answer: (request: Received) => { status: number; body: unknown } = () => ({ status: 200, body: {} })
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    const url = new URL(req.url!, 'http://x')
    const request = { uid: url.searchParams.get('uid'), signature: req.headers['x-parley-signature'] as string | undefined, body, json: JSON.parse(body) }
    received.push(request)
    const { status, body: reply } = answer(request)
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(reply))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  return { url, received, answerWith: (fn: typeof answer) => void (answer = fn), close: () => new Promise((resolve) => server.close(resolve)) }
}

function echoBot() {
  const definition = new BotDefinition({})
  const implementation = new BotImplementation({ actions: {} })
  implementation.on.message('text', async ({ message, client, ctx }) => {
    await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: `echo: ${message.payload.text}` } })
  })
  return { definition, implementation }
}

const manifest = (trigger: string, webhookUrl: string, id = 'news-checker') => ({
  id, name: 'News Checker', author: '@someone', description: 'Checks what is said', image: '/x.png', prompt: '', memories: false, chat: false,
  capabilities: ['external_integration'], external_integration: { triggers_on: trigger, webhook_url: webhookUrl, setup_instructions_file_path: '/x.md' },
})

const SECRET = 'app-secret-0123456789'

describe.each(testDrivers())('external apps on $name', (driver) => {
  let testDb: TestDatabase
  let app: Awaited<ReturnType<typeof receiver>>
  let bot: TestBot
  beforeAll(async () => {
    testDb = await driver.open()
    app = await receiver()
  }, STARTUP_TIMEOUT)
  afterAll(async () => {
    await bot?.stop()
    await app.close()
    await testDb.dispose()
  })

  const seconds = () => Math.floor(bot.clock.now().getTime() / 1000)
  const texts = async (conversationId: string) => (await bot.client.listMessages({ conversationId })).messages.map((m) => (m.payload as { text: string }).text)

  it('sends signed transcript batches per conversation, and posts the app\'s reply into the conversation', async () => {
    bot = await createTestBot({ ...echoBot(), database: testDb.db, apps: { allowPrivateUrls: true } })
    const { app: installed, secret } = await bot.client.installApp({ manifest: manifest('transcript_processed', app.url), secret: SECRET, intervalSeconds: 5 })
    expect(installed).toMatchObject({ id: 'news-checker', trigger: 'transcript_processed', intervalSeconds: 5, secretCount: 1 })
    expect(secret).toBe(SECRET)
    app.answerWith(() => ({ status: 200, body: { message: 'fact check: fine' } }))

    const conversation = await bot.conversation()
    await conversation.send('the moon is made of cheese')
    await conversation.send('and cows jump over it')
    expect(app.received).toHaveLength(0)
    await bot.advance('5s')

    expect(app.received).toHaveLength(1)
    const [batch] = app.received
    expect(batch!.uid).toBe(conversation.user.id)
    expect(verifyAppRequest({ header: batch!.signature, secret: SECRET, uid: conversation.user.id, body: batch!.body, now: seconds() })).toBe(true)
    expect(verifyAppRequest({ header: batch!.signature, secret: SECRET, uid: 'someone-else', body: batch!.body, now: seconds() })).toBe(false)
    expect(batch!.json['session_id']).toBe(conversation.id)
    expect(batch!.json['segments'].map((s: any) => [s.is_user, s.text])).toEqual([
      [true, 'the moon is made of cheese'], [false, 'echo: the moon is made of cheese'], [true, 'and cows jump over it'], [false, 'echo: and cows jump over it'],
    ])
    expect((await texts(conversation.id)).at(-1)).toBe('fact check: fine')
    const [delivery] = (await bot.client.listAppDeliveries({ appId: 'news-checker' })).deliveries
    expect(delivery).toMatchObject({ status: 'delivered', httpStatus: 200, trigger: 'transcript_processed', conversationId: conversation.id, replyMessageId: expect.any(String) })

    // The app's own reply is not news to it: nothing new was said, so nothing is sent.
    await bot.advance('5s')
    expect(app.received).toHaveLength(1)
  })

  it('retries a failing delivery with backoff, across a restart, and records each attempt', async () => {
    app.received.length = 0
    app.answerWith(() => ({ status: 503, body: { error: 'busy' } }))
    const conversation = await bot.conversation()
    await conversation.send('are you there?')
    await bot.advance('5s')
    // The test clock runs on real time: on a slow machine the retry, due 1 s after a failure, may come due
    // again before the jobs settle, so the attempts made so far are counted rather than assumed to be one.
    const failures = (await bot.client.listAppDeliveries({ conversationId: conversation.id })).deliveries
    expect(failures.length).toBeGreaterThanOrEqual(1)
    expect(app.received).toHaveLength(failures.length)
    expect(failures.map((d) => [d.attempt, d.status, d.httpStatus, d.error])).toEqual(failures.map((_, i) => [failures.length - i, 'retrying', 503, 'the app answered 503']))

    // The app recovers while the bot is down; the restarted runtime delivers the retry, once.
    app.answerWith(() => ({ status: 200, body: { message: 'here now' } }))
    bot = await bot.restart()
    await bot.advance(`${2 ** (failures.length - 1)}s`)
    expect(app.received).toHaveLength(failures.length + 1)
    expect(new Set(app.received.map((r) => r.body)).size).toBe(1)
    expect((await bot.client.listAppDeliveries({ conversationId: conversation.id })).deliveries.map((d) => d.status)).toEqual(['delivered', ...failures.map(() => 'retrying')])
    expect((await texts(conversation.id)).at(-1)).toBe('here now')
  })

  it('sends one batch per conversation, each for its own user', async () => {
    app.received.length = 0
    app.answerWith(() => ({ status: 200, body: {} }))
    const [first, second] = [await bot.conversation(), await bot.conversation()]
    await first.send('one')
    await second.send('two')
    await bot.advance('5s')
    const batches = app.received.map((r) => [r.json['session_id'], r.uid, r.json['segments'].length])
    expect(batches).toEqual(expect.arrayContaining([[first.id, first.user.id, 2], [second.id, second.user.id, 2]]))
    expect(batches).toHaveLength(2)
  })

  it('signs with the old and the new secret while one is rotated', async () => {
    app.received.length = 0
    const { secret, app: rotated } = await bot.client.rotateAppSecret({ id: 'news-checker' })
    expect(rotated.secretCount).toBe(2)
    await (await bot.conversation()).send('rotate')
    await bot.advance('5s')
    const [batch] = app.received
    for (const key of [secret, SECRET]) expect(verifyAppRequest({ header: batch!.signature, secret: key, uid: batch!.uid!, body: batch!.body, now: seconds() })).toBe(true)
    await bot.client.uninstallApp({ id: 'news-checker' })
  })

  // Messages are stamped by the database and silence is measured on the test's clock: this runs before
  // the tests that move that clock minutes ahead.
  it('sends memory_creation once a conversation has gone quiet, with its messages', async () => {
    app.received.length = 0
    app.answerWith(() => ({ status: 200, body: { message: 'saved to your notes' } }))
    await bot.client.installApp({ manifest: manifest('memory_creation', app.url, 'notes'), secret: SECRET, intervalSeconds: 10, memoryAfterSeconds: 60 })
    const conversation = await bot.conversation()
    await conversation.send('buy milk')
    await bot.advance('10s')
    expect(app.received).toHaveLength(0)
    await bot.advance('60s')
    expect(app.received).toHaveLength(1)
    const [memory] = app.received
    expect(verifyAppRequest({ header: memory!.signature, secret: SECRET, uid: conversation.user.id, body: memory!.body, now: seconds() })).toBe(true)
    expect(memory!.json).toMatchObject({ id: conversation.id, transcript: 'User: buy milk\nBot: echo: buy milk', structured: { title: 'buy milk' } })
    expect((await texts(conversation.id)).at(-1)).toBe('saved to your notes')
    // Ended once: the reply does not start it again.
    await bot.advance('120s')
    expect(app.received).toHaveLength(1)
    await bot.client.uninstallApp({ id: 'notes' })
  })

  it('stops calling an app after 5 failures in a row, deferring deliveries until its circuit closes', async () => {
    app.received.length = 0
    app.answerWith(() => ({ status: 500, body: {} }))
    await bot.client.installApp({ manifest: manifest('transcript_processed', app.url, 'flaky'), secret: SECRET, intervalSeconds: 60 })
    await (await bot.conversation()).send('anyone?')
    await bot.advance('60s')
    for (const wait of ['1s', '2s', '4s', '8s'] as const) await bot.advance(wait)
    expect(app.received).toHaveLength(5)
    await bot.advance('16s')
    expect(app.received).toHaveLength(5)
    const statuses = (await bot.client.listAppDeliveries({ appId: 'flaky' })).deliveries.map((d) => d.status)
    expect(statuses).toEqual(['deferred', 'retrying', 'retrying', 'retrying', 'retrying', 'retrying'])
    app.answerWith(() => ({ status: 200, body: {} }))
    await bot.advance('30s')
    expect(app.received).toHaveLength(6)
    expect((await bot.client.listAppDeliveries({ appId: 'flaky', limit: 1 })).deliveries[0]!.status).toBe('delivered')
    await bot.client.uninstallApp({ id: 'flaky' })
  })

  it('refuses a manifest with an unknown trigger, listing the known ones, and private URLs unless allowed', async () => {
    await expect(bot.client.installApp({ manifest: manifest('on_memory', app.url) })).rejects.toThrow(
      'external_integration.triggers_on: is not a known trigger; use one of "memory_creation", "transcript_processed"',
    )
    const strict = await createTestBot({ ...echoBot(), database: testDb.db, botId: 'strict' })
    await expect(strict.client.installApp({ manifest: manifest('memory_creation', app.url) })).rejects.toMatchObject({ code: 'APP_URL_REFUSED' })
    await expect(strict.client.installApp({ manifest: manifest('memory_creation', 'http://169.254.169.254/latest') })).rejects.toMatchObject({ code: 'APP_URL_REFUSED' })
    await strict.stop()
  })
})
