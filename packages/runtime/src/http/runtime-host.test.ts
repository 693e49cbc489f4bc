import { Bot, BotDefinition } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRuntime, openDatabase, type Database, type Runtime } from '../index.js'
import { STARTUP_TIMEOUT } from '../storage/testing/test-databases.js'
import { createRuntimesHost } from './runtime-host.js'

// Swapping a bot's runtime while a turn runs on the old one: the turn finishes there, new calls go to the
// new one at once, and the old one is reported drained only when its last call has ended.

/** A bot that answers "<name>: <text>"; on "wait" it first waits until `release` is called. */
function versionOf(name: string) {
  let release = () => {}
  const released = new Promise<void>((resolve) => { release = resolve })
  let entered = () => {}
  const waiting = new Promise<void>((resolve) => { entered = resolve })
  const implementation = new Bot({ actions: {} })
  implementation.on.message('text', async ({ message, client }) => {
    const text = String(message.payload['text'])
    if (text === 'wait') {
      entered()
      await released
    }
    await client.createMessage({ conversationId: message.conversationId, userId: message.userId, type: 'text', payload: { text: `${name}: ${text}` } })
  })
  return { bot: { definition: new BotDefinition({}), implementation }, release, waiting }
}

/** A bot that logs what it hears. */
function logging() {
  const implementation = new Bot({ actions: {} })
  implementation.on.message('text', ({ message, logger }) => void logger.info(`heard ${String(message.payload['text'])}`))
  return { definition: new BotDefinition({}), implementation }
}

let db: Database
beforeAll(async () => {
  db = await openDatabase()
}, STARTUP_TIMEOUT)
afterAll(() => db.close())

async function started(bot: ReturnType<typeof versionOf>['bot']): Promise<Runtime> {
  const runtime = await createRuntime({ ...bot, botId: 'swapped', database: db, jobs: { mode: 'manual' } })
  await runtime.start()
  return runtime
}

describe('a runtimes host swapping a bot', () => {
  it('lets a turn begun on the old runtime finish there while new calls go to the new one', async () => {
    const host = createRuntimesHost()
    const one = versionOf('one')
    const two = versionOf('two')
    const first = await started(one.bot)
    host.serve(first)
    const bot = host.bot('swapped')!
    for (const id of ['c1', 'c2']) {
      await bot.client.getOrCreateUser({ id: `u-${id}` })
      await bot.client.getOrCreateConversation({ id })
    }
    const slow = bot.receiveMessage({ conversationId: 'c1', userId: 'u-c1', type: 'text', payload: { text: 'wait' } })
    await one.waiting

    host.serve(await started(two.bot))
    let drained = false
    const draining = host.drained(first).then(() => { drained = true })
    // The bot looked up before the swap is the same bot: its calls reach the new runtime.
    await bot.receiveMessage({ conversationId: 'c2', userId: 'u-c2', type: 'text', payload: { text: 'hi' } })
    expect(await replies(bot.client, 'c2')).toEqual(['two: hi'])
    expect(drained).toBe(false)

    one.release()
    await slow
    await draining
    expect(await replies(bot.client, 'c1')).toEqual(['one: wait'])
    await first.stop()
    expect(host.bots().map((served) => served.id)).toEqual(['swapped'])
  })
})

describe('a runtimes host feeding the studio across a swap', () => {
  it('tells a listener subscribed on the old runtime of the turns and log lines of the new one, and of none after it stops listening', async () => {
    const host = createRuntimesHost()
    const first = await started(versionOf('first').bot)
    host.serve(first)
    const bot = host.bot('swapped')!
    await bot.client.getOrCreateUser({ id: 'u-c4' })
    await bot.client.getOrCreateConversation({ id: 'c4' })
    const turns: string[] = []
    const stopTurns = bot.studio!.onTurn((turn) => turns.push(`${turn.kind} ${turn.conversationId}`))
    let stopLogs = () => {}
    // A log line reaches listeners once stored, after the turn that wrote it may have ended.
    const heard = new Promise<string>((resolve) => { stopLogs = bot.studio!.onLog((record) => resolve(record.message)) })
    const second = await started(logging())
    host.serve(second)
    await first.stop()
    await bot.receiveMessage({ conversationId: 'c4', userId: 'u-c4', type: 'text', payload: { text: 'after the swap' } })
    expect(turns).toEqual(['message c4'])
    expect(await heard).toBe('heard after the swap')
    stopTurns()
    stopLogs()
    await bot.receiveMessage({ conversationId: 'c4', userId: 'u-c4', type: 'text', payload: { text: 'unheard' } })
    expect(turns).toEqual(['message c4'])
    await second.stop()
  })
})

describe('a runtimes host draining a runtime whose turn never ends', () => {
  it('gives up after the time it was given, saying how many calls still run, and drains at once when idle', async () => {
    const host = createRuntimesHost()
    const stuck = versionOf('stuck')
    const first = await started(stuck.bot)
    host.serve(first)
    const bot = host.bot('swapped')!
    await bot.client.getOrCreateUser({ id: 'u-c3' })
    await bot.client.getOrCreateConversation({ id: 'c3' })
    const turn = bot.receiveMessage({ conversationId: 'c3', userId: 'u-c3', type: 'text', payload: { text: 'wait' } })
    await stuck.waiting
    const second = await started(versionOf('next').bot)
    host.serve(second)

    expect(await host.drained(first, 1)).toBe(1)
    expect(await host.drained(second, 1)).toBe(0)
    stuck.release()
    await turn
    expect(await host.drained(first, 60_000)).toBe(0)
    await Promise.all([first.stop(), second.stop()])
  })
})

async function replies(client: ReturnType<Runtime['client']>, conversationId: string): Promise<string[]> {
  const { messages } = await client.listMessages({ conversationId })
  return messages.filter((message) => message.direction === 'outgoing').map((message) => String(message.payload['text']))
}
