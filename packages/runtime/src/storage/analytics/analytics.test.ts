import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAnalyticsStore } from './analytics.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'

describe.each(testDrivers())('analytics counters on $name', (driver) => {
  let testDb: TestDatabase
  beforeAll(async () => {
    testDb = await openMigrated(driver)
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  it('adds every count of concurrent calls from several connections', async () => {
    const connections = [testDb.db, await testDb.openAnother(), await testDb.openAnother()]
    const calls = Array.from({ length: 60 }, (_, n) => createAnalyticsStore(connections[n % 3]!, 'bot-an').track('signup', n % 2 === 0 ? 1 : 2))
    await Promise.all(calls)
    const [counter] = await createAnalyticsStore(testDb.db, 'bot-an').list({ names: ['signup'] })
    expect(counter).toMatchObject({ name: 'signup', count: 90 })
  })

  it('lists counters by name, by prefix, and per bot', async () => {
    const store = createAnalyticsStore(testDb.db, 'bot-an')
    expect(await store.track('kb:search', 3)).toMatchObject({ name: 'kb:search', count: 3 })
    await store.track('kb:hit', 1)
    await store.track("x'; DROP TABLE parley_analytics; --", 1)
    expect((await store.list({ prefix: 'kb:' })).map((c) => [c.name, c.count])).toEqual([['kb:hit', 1], ['kb:search', 3]])
    expect((await store.list()).map((c) => c.name)).toContain("x'; DROP TABLE parley_analytics; --")
    expect(await createAnalyticsStore(testDb.db, 'bot-other').list()).toEqual([])
  })
})
