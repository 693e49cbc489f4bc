import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKvStore } from '../kv/index.js'
import { migrate, MIGRATIONS } from '../migrations/index.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'
import { createWebhookDeliveries, DELIVERY_LIMITS, expireWebhookDeliveries } from './webhook-deliveries.js'

describe.each(testDrivers())('webhook deliveries on $name', (driver) => {
  let testDb: TestDatabase
  beforeAll(async () => {
    testDb = await openMigrated(driver)
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  const count = async (plugin: string) =>
    Number((await testDb.db.query<{ n: string }>('SELECT count(*) AS n FROM parley_webhook_deliveries WHERE plugin = $1', [plugin])).rows[0]!.n)

  it('claims a delivery once per webhook, plugin and bot, and again once released', async () => {
    const deliveries = createWebhookDeliveries(testDb.db, 'bot-a', 'github')
    expect(await deliveries.claim('push', 'd-1')).toBe(true)
    expect(await deliveries.claim('push', 'd-1')).toBe(false)
    expect(await deliveries.claim('issues', 'd-1')).toBe(true)
    expect(await createWebhookDeliveries(testDb.db, 'bot-a', 'other').claim('push', 'd-1')).toBe(true)
    expect(await createWebhookDeliveries(testDb.db, 'bot-b', 'github').claim('push', 'd-1')).toBe(true)
    await deliveries.release('push', 'd-1')
    expect(await deliveries.claim('push', 'd-1')).toBe(true)
  })

  it('lets exactly one of many concurrent claims of a delivery win', async () => {
    const deliveries = createWebhookDeliveries(testDb.db, 'bot-a', 'racing')
    const claims = await Promise.all(Array.from({ length: 8 }, () => deliveries.claim('push', 'same')))
    expect(claims.filter(Boolean)).toHaveLength(1)
  })

  it('is invisible to the plugin: none of its key-value operations sees or removes a delivery', async () => {
    const deliveries = createWebhookDeliveries(testDb.db, 'bot-a', 'hidden')
    await deliveries.claim('push', 'd-9')
    const kv = createKvStore(testDb.db, 'bot-a', 'hidden')
    expect([await kv.keys(), await kv.count(), await kv.find()]).toEqual([[], 0, []])
    await kv.set('push:d-9', 'mine')
    expect(await kv.delete('push:d-9')).toBe(true)
    expect(await deliveries.claim('push', 'd-9')).toBe(false)
  })

  it('handles a delivery again once its record is a day old, and drops such records when expiring', async () => {
    const deliveries = createWebhookDeliveries(testDb.db, 'bot-a', 'aging')
    await deliveries.claim('push', 'old-1')
    await deliveries.claim('push', 'old-2')
    await deliveries.claim('push', 'recent')
    await testDb.db.query(`UPDATE parley_webhook_deliveries SET received_at = now() - interval '25 hours' WHERE plugin = 'aging' AND delivery LIKE 'old-%'`)
    expect(await deliveries.claim('push', 'old-1')).toBe(true)
    expect(await deliveries.claim('push', 'recent')).toBe(false)
    await expireWebhookDeliveries(testDb.db, 'bot-a')
    expect(await deliveries.claim('push', 'old-1')).toBe(false)
    expect(await deliveries.claim('push', 'recent')).toBe(false)
    expect(await count('aging')).toBe(2)
  })

  it(`keeps at most ${DELIVERY_LIMITS.kept} deliveries per plugin when expiring, dropping the oldest, while a claim touches only its own`, async () => {
    await testDb.db.query(
      `INSERT INTO parley_webhook_deliveries (bot_id, plugin, webhook, delivery, received_at)
       SELECT 'bot-a', 'flooded', 'push', 'd-' || n, now() - make_interval(secs => n) FROM generate_series(1, $1::int) AS n`,
      [DELIVERY_LIMITS.kept + 50],
    )
    const deliveries = createWebhookDeliveries(testDb.db, 'bot-a', 'flooded')
    const otherBot = createWebhookDeliveries(testDb.db, 'bot-b', 'flooded')
    expect(await otherBot.claim('push', 'd-1')).toBe(true)
    expect(await deliveries.claim('push', 'newest')).toBe(true)
    expect(await count('flooded')).toBe(DELIVERY_LIMITS.kept + 52)
    await expireWebhookDeliveries(testDb.db, 'bot-a')
    expect(await count('flooded')).toBe(DELIVERY_LIMITS.kept + 1)
    expect(await deliveries.claim('push', 'newest')).toBe(false)
    expect(await deliveries.claim('push', 'd-1')).toBe(false)
    expect(await otherBot.claim('push', 'd-1')).toBe(false)
    expect(await deliveries.claim('push', `d-${DELIVERY_LIMITS.kept + 50}`)).toBe(true)
  })

  it('moves the deliveries an earlier version kept in the plugin\'s key-value store out of it', async () => {
    const old = await driver.open()
    try {
      await migrate(old.db, MIGRATIONS.filter((migration) => migration.version < 18))
      await createKvStore(old.db, 'bot-a', 'github').set('parley:webhook-delivery:push:d:1', { at: new Date() })
      await createKvStore(old.db, 'bot-a', 'github').set('notes', 'kept')
      await migrate(old.db)
      expect(await createKvStore(old.db, 'bot-a', 'github').keys()).toEqual(['notes'])
      expect(await createWebhookDeliveries(old.db, 'bot-a', 'github').claim('push', 'd:1')).toBe(false)
    } finally {
      await old.dispose()
    }
  })
})
