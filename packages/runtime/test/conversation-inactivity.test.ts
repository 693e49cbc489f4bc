import { BotDefinition, BotImplementation, createPlugin } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestBot, type TestBot } from '../src/testing/index.js'
import { testDrivers, type TestDatabase } from '../src/storage/testing/test-databases.js'

// A conversation's inactivity end against the messages that move it: stored with each message, and never
// ending a conversation that heard from its user since.

const MINUTE = 60_000
const ended: string[] = []

const watcher = createPlugin({
  name: 'watcher',
  version: '1.0.0',
  hooks: { 'conversation:end': async (_context, conversationId) => void ended.push(conversationId) },
})

/** A handler that, for the text `slow`, holds its turn open until the test lets it go. */
function slowBot(hold: { reached: () => void; release: Promise<void> }) {
  const definition = new BotDefinition({})
  definition.addPlugin(watcher, {})
  const implementation = new BotImplementation({ actions: {} })
  implementation.on.message('text', async ({ message }) => {
    if ((message.payload as { text: string }).text !== 'slow') return
    hold.reached()
    await hold.release
  })
  return { definition, implementation }
}

function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((done) => (resolve = done))
  return { promise, resolve }
}

describe.each(testDrivers().map((driver) => [driver.name, driver] as const))('conversation inactivity end on %s', (name, driver) => {
  let database: TestDatabase
  let bot: TestBot
  const reached = deferred()
  const release = deferred()
  beforeAll(async () => {
    database = await driver.open()
    bot = await createTestBot({ ...slowBot({ reached: reached.resolve, release: release.promise }), database: database.db, botId: `inactive-${name}`, conversations: { inactivityMs: MINUTE } })
  })
  afterAll(async () => {
    await bot?.stop()
    await database?.dispose()
  })

  const endJobs = async (conversationId: string) =>
    (await database.db.query<{ payload: { messageId: string }; locked: boolean }>(
      `SELECT payload, locked_until IS NOT NULL AS locked FROM parley_jobs WHERE kind = 'conversationEnd' AND payload->>'conversationId' = $1`, [conversationId],
    )).rows

  it('stores the end with the message that moves it: the job is there once the message is, with nothing run after', async () => {
    const conversation = await bot.conversation()
    const { message } = await conversation.send('hello')
    expect((await endJobs(conversation.id)).map((job) => job.payload.messageId)).toEqual([message.id])
  })

  it('does not end a conversation whose end job came due while a newer message was being handled, and ends it a timeout after that message', async () => {
    const conversation = await bot.conversation()
    const endsOf = () => ended.filter((id) => id === conversation.id)
    await conversation.send('one')
    await bot.advance('59s')
    const slow = conversation.send('slow')
    await reached.promise
    // The end of `one` falls due while `slow` holds the conversation; wait until a worker has claimed it.
    bot.clock.advance(2_000)
    const running = bot.runtime.runJobs()
    while (!(await endJobs(conversation.id)).some((job) => job.locked)) await database.db.query('SELECT 1')
    release.resolve()
    await Promise.all([slow, running])
    await bot.settle()
    expect(endsOf()).toEqual([])
    await bot.advance('61s')
    expect(endsOf()).toEqual([conversation.id])
    expect(await endJobs(conversation.id)).toEqual([])
  })
})

const server = testDrivers().find((driver) => driver.name === 'postgres')

describe.skipIf(!server)('conversation inactivity end across two processes on one PostgreSQL', () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await server!.open()
  })
  afterAll(() => database?.dispose())

  it('an end job claimed by one process waits for the message another is handling, and ends nothing', async () => {
    const reached = deferred()
    const release = deferred()
    const options = { botId: 'shared-inactivity', conversations: { inactivityMs: MINUTE } }
    const receiving = await createTestBot({ ...slowBot({ reached: reached.resolve, release: release.promise }), ...options, database: database.db })
    const ending = await createTestBot({ ...slowBot({ reached: () => {}, release: Promise.resolve() }), ...options, database: await database.openAnother() })
    try {
      const conversation = await receiving.conversation()
      await conversation.send('one')
      await receiving.advance('59s')
      const slow = conversation.send('slow')
      await reached.promise
      ending.clock.advance(MINUTE + 1)
      const running = ending.runtime.runJobs()
      const claimed = `SELECT 1 FROM parley_jobs WHERE kind = 'conversationEnd' AND payload->>'conversationId' = $1 AND locked_until IS NOT NULL`
      while ((await database.db.query(claimed, [conversation.id])).rows.length === 0) await database.db.query('SELECT 1')
      release.resolve()
      await Promise.all([slow, running])
      expect(ended.filter((id) => id === conversation.id)).toEqual([])
    } finally {
      await Promise.all([receiving.stop(), ending.stop()])
    }
  })
})
