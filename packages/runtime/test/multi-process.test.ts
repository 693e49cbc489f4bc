import { BotDefinition, BotImplementation, z } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestBot } from '../src/testing/index.js'
import { testDrivers, type TestDatabase } from '../src/storage/testing/test-databases.js'

const server = testDrivers().find((driver) => driver.name === 'postgres')

function composed(handled: string[]) {
  const definition = new BotDefinition({ events: { job: { schema: z.object({ n: z.number() }) } } })
  const implementation = new BotImplementation({ actions: {} })
  implementation.on.event('job', ({ event }) => void handled.push(String(event.payload.n)))
  return { definition, implementation }
}

describe.skipIf(!server)('several runtimes of one bot on one PostgreSQL', () => {
  let testDb: TestDatabase
  beforeAll(async () => {
    testDb = await server!.open()
  })
  afterAll(() => testDb.dispose())

  it('deliver each event once', async () => {
    const handled: string[] = []
    const databases = [testDb.db, await testDb.openAnother(), await testDb.openAnother()]
    const bots = await Promise.all(databases.map((database) => createTestBot({ ...composed(handled), database, botId: 'shared' })))
    for (let n = 0; n < 30; n++) await bots[0]!.client.createEvent({ type: 'job', payload: { n } })
    await Promise.all(bots.map((bot) => bot.settle()))
    expect(handled.sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 30 }, (_, n) => String(n)))
    await Promise.all(bots.map((bot) => bot.stop()))
  })
})
