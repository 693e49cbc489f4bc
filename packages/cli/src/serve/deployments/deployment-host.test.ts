import { randomBytes } from 'node:crypto'
import { Bot, BotDefinition } from '@parley/sdk'
import { migrate, openDatabase, type ComposedBot, type Database, type NewLogRecord } from '@parley/runtime'
import { createRuntimesHost } from '@parley/runtime/http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CodeCache } from './code-cache.js'
import { servedDeployments } from './deployment-host.js'

// A version whose turn never ends must not hold a deployment forever: after the drain time the new version
// serves alone, the old one is stopped, and the stuck turn is logged. Nothing waits on the clock: the turn
// never ends, so the drain time (1 ms) is always what ends the wait.

const SERVER = process.env['PARLEY_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test'
const SCHEMA = `parley_test_${randomBytes(6).toString('hex')}`
const drivers = [
  { name: 'pglite', open: () => openDatabase() },
  ...(process.env['PARLEY_SKIP_POSTGRES'] === '1' ? [] : [{ name: 'postgres', open: () => openDatabase({ url: SERVER, schema: SCHEMA }) }]),
]

/** A bot answering "<name>: <text>", whose turn on "hang" never ends. */
function version(name: string): { bot: ComposedBot; hanging: Promise<void> } {
  let entered = () => {}
  const hanging = new Promise<void>((resolve) => { entered = resolve })
  const implementation = new Bot({ actions: {} })
  implementation.on.message('text', async ({ message, client }) => {
    const text = String(message.payload['text'])
    if (text === 'hang') {
      entered()
      await new Promise(() => {})
    }
    await client.createMessage({ conversationId: message.conversationId, userId: message.userId, type: 'text', payload: { text: `${name}: ${text}` } })
  })
  return { bot: { definition: new BotDefinition({}), implementation }, hanging }
}

/** Code "loaded" from its bundle text, which names one of the versions here. */
function codeOf(versions: Readonly<Record<string, ComposedBot>>): CodeCache {
  return { load: async (_botId, _version, code) => versions[code.bundle]! }
}

describe.each(drivers)('a deployment on $name replacing a version with a turn that never ends', (driver) => {
  let database: Database
  beforeAll(async () => {
    database = await driver.open()
    await migrate(database)
  })
  afterAll(async () => {
    if (database.driver === 'postgres') await database.query(`DROP SCHEMA ${SCHEMA} CASCADE`)
    await database.close()
  })

  it('completes after the drain time, logging the stuck turn, and the new version answers', async () => {
    // A bot of its own per database: the stuck turn keeps its conversation's place in this process's turn order.
    const botId = `stuck-${driver.name}`
    const one = version('one')
    const two = version('two')
    const host = createRuntimesHost()
    const logs: NewLogRecord[] = []
    const deployments = servedDeployments({
      database, host, code: codeOf({ one: one.bot, two: two.bot }), keep: 2, drainTimeoutMs: 1, onLog: (record) => logs.push(record),
    })
    await deployments.deploy(botId, { bundle: 'one', definition: '' })
    const bot = host.bot(botId)!
    await bot.client.getOrCreateUser({ id: 'u1' })
    for (const id of ['c1', 'c2']) await bot.client.getOrCreateConversation({ id })
    void bot.receiveMessage({ conversationId: 'c1', userId: 'u1', type: 'text', payload: { text: 'hang' } }).catch(() => undefined)
    await one.hanging

    const outcome = await deployments.deploy(botId, { bundle: 'two', definition: '' })
    expect(outcome).toMatchObject({ deployment: { version: 2, active: true }, previous: 1 })
    expect(logs).toContainEqual(expect.objectContaining({
      level: 'warn', message: expect.stringContaining(`version 1 of bot "${botId}" still ran 1 turn(s) after the drain time`),
    }))
    await bot.receiveMessage({ conversationId: 'c2', userId: 'u1', type: 'text', payload: { text: 'hi' } })
    const { messages } = await bot.client.listMessages({ conversationId: 'c2' })
    expect(messages.filter((message) => message.direction === 'outgoing').map((message) => message.payload['text'])).toEqual(['two: hi'])
    await deployments.stop()
  })
})
