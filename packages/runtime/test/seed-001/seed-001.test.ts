import { BotDefinition, BotImplementation } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestBot, type TestBot } from '../../src/testing/index.js'
import { createKvStore } from '../../src/storage/index.js'
import { testDrivers, type TestDatabase } from '../../src/storage/testing/test-databases.js'
import { cleanupPlugin, dataPlugin, pluginA, pluginB } from './examples.js'

// Seed 001's examples running in one bot, on each database.

function composed() {
  const definition = new BotDefinition({})
  for (const plugin of [dataPlugin, cleanupPlugin, pluginA, pluginB]) definition.addPlugin(plugin, {})
  return { definition, implementation: new BotImplementation({ actions: {} }) }
}

describe.each(testDrivers().map((driver) => [driver.name, driver] as const))('seed 001 plugins on %s', (_name, driver) => {
  let database: TestDatabase
  let bot: TestBot
  beforeAll(async () => {
    database = await driver.open()
    bot = await createTestBot({ ...composed(), database: database.db })
  })
  afterAll(async () => {
    await bot?.stop()
    await database?.dispose()
  })

  it('data-plugin keeps what it stores when a conversation ends, in its own store', async () => {
    const conversation = await bot.conversation()
    await conversation.send('hello')
    await bot.client.endConversation({ id: conversation.id })
    await bot.settle()
    const store = createKvStore(bot.runtime.database, bot.runtime.botId, 'data-plugin')
    expect(await store.get('last-conversation')).toBe(conversation.id)
    const stored = await store.get(`conversations:${conversation.id}`) as { endedAt: Date; userId: string }
    expect(stored.endedAt).toBeInstanceOf(Date)
    expect(stored.userId).toBe(conversation.user.id)
    expect(await store.keys('conversations:')).toEqual([`conversations:${conversation.id}`])
    const other = createKvStore(bot.runtime.database, bot.runtime.botId, 'data-source')
    expect(await other.get('last-conversation')).toBeUndefined()
  })

  it('data-consumer hears data-source through the event bus', async () => {
    const conversation = await bot.conversation()
    await bot.client.endConversation({ id: conversation.id })
    await bot.settle()
    const logs = await bot.logs()
    expect(logs.map((record) => record.message)).toContain(`Conversation ended in app ${bot.runtime.botId}`)
  })

  it('cleanup-plugin runs its jobs on their schedules', async () => {
    const jobs = (await bot.runtime.pendingJobs()).filter((job) => job.key?.startsWith('recurring:cleanup-plugin:'))
    expect(jobs.map((job) => job.key).sort()).toEqual(['recurring:cleanup-plugin:cron_daily_cleanup', 'recurring:cleanup-plugin:cron_hourly_sync'])
    const daily = jobs.find((job) => job.key === 'recurring:cleanup-plugin:cron_daily_cleanup')!
    const newYork = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit' }).format(new Date(daily.runAt))
    expect(newYork).toBe('02:00')
    await bot.advance('1d')
    expect((await bot.logs()).filter((record) => record.message === 'Running daily cleanup...')).toHaveLength(1)
  })
})
