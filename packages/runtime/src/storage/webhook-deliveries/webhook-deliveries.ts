import type { WebhookDeliveries } from '@parley/sdk'
import type { Queryable } from '../database/database.js'

// Why pruning is not part of a claim. A claim is one insert on the primary key: it needs no pruning to be
// right, since a record past its age counts as new (`CLAIM` updates it), so a delivery sent again within
// `keptHours` is recognised however late the old records go. Bounding the table per plugin, though, means
// ranking its records by age, which reads up to `kept` index entries: paid on every webhook, that made
// a busy sender's every request slower. `expireWebhookDeliveries` does it instead, from a job every few
// minutes (`assembly/jobs/webhook-delivery-expiry.ts`); between two runs a flood can add records beyond
// the bound, and those are dropped on the next run.

/** Bounds of the record of handled deliveries, per plugin of a bot. */
export const DELIVERY_LIMITS = {
  /** A delivery sent again after this long is handled again: senders retry within hours, not days. */
  keptHours: 24,
  /** Deliveries kept; beyond it the oldest go first, so a flood of ids cannot grow the table without end. */
  kept: 10_000,
} as const

const CLAIM = `INSERT INTO parley_webhook_deliveries (bot_id, plugin, webhook, delivery) VALUES ($1, $2, $3, $4)
  ON CONFLICT (bot_id, plugin, webhook, delivery) DO UPDATE SET received_at = now()
  WHERE parley_webhook_deliveries.received_at < now() - make_interval(hours => $5)
  RETURNING delivery`

const EXPIRE_OLD = 'DELETE FROM parley_webhook_deliveries WHERE bot_id = $1 AND received_at < now() - make_interval(hours => $2)'

const DROP_BEYOND_BOUND = `DELETE FROM parley_webhook_deliveries AS kept USING (
    SELECT plugin, webhook, delivery FROM (
      SELECT plugin, webhook, delivery, row_number() OVER (PARTITION BY plugin ORDER BY received_at DESC) AS newness
      FROM parley_webhook_deliveries WHERE bot_id = $1
    ) AS ranked WHERE newness > $2
  ) AS extra
  WHERE kept.bot_id = $1 AND kept.plugin = extra.plugin AND kept.webhook = extra.webhook AND kept.delivery = extra.delivery`

/**
 * The deliveries plugin `plugin` of bot `botId` handled. `claim` records one and says whether it is new
 * (an expired record counts as new); `release` forgets one whose handling failed, so the sender's retry
 * is handled.
 */
export function createWebhookDeliveries(db: Queryable, botId: string, plugin: string): WebhookDeliveries {
  return {
    claim: async (webhook, delivery) => (await db.query(CLAIM, [botId, plugin, webhook, delivery, DELIVERY_LIMITS.keptHours])).rows.length > 0,
    release: async (webhook, delivery) => {
      await db.query('DELETE FROM parley_webhook_deliveries WHERE bot_id = $1 AND plugin = $2 AND webhook = $3 AND delivery = $4', [botId, plugin, webhook, delivery])
    },
  }
}

/**
 * Drops bot `botId`'s delivery records past their age, then, per plugin, all but the newest `kept`.
 * Ages are measured on the database's clock, which stamps the records and judges them in `claim`.
 */
export async function expireWebhookDeliveries(db: Queryable, botId: string): Promise<void> {
  await db.query(EXPIRE_OLD, [botId, DELIVERY_LIMITS.keptHours])
  await db.query(DROP_BEYOND_BOUND, [botId, DELIVERY_LIMITS.kept])
}
