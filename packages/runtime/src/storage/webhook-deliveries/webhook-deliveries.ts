import type { WebhookDeliveries } from '@parley/sdk'
import type { Queryable } from '../database/database.js'

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

const EXPIRE = `DELETE FROM parley_webhook_deliveries WHERE bot_id = $1 AND plugin = $2
  AND (received_at < now() - make_interval(hours => $3) OR received_at < (
    SELECT min(received_at) FROM (
      SELECT received_at FROM parley_webhook_deliveries WHERE bot_id = $1 AND plugin = $2 ORDER BY received_at DESC LIMIT $4
    ) AS newest HAVING count(*) >= $4))`

/**
 * The deliveries plugin `plugin` of bot `botId` handled. `claim` records one and says whether it is new
 * (an expired record counts as new); `release` forgets one whose handling failed, so the sender's retry
 * is handled. Each claim drops the records past their age or beyond the bound.
 */
export function createWebhookDeliveries(db: Queryable, botId: string, plugin: string): WebhookDeliveries {
  return {
    claim: async (webhook, delivery) => {
      const { rows } = await db.query(CLAIM, [botId, plugin, webhook, delivery, DELIVERY_LIMITS.keptHours])
      await db.query(EXPIRE, [botId, plugin, DELIVERY_LIMITS.keptHours, DELIVERY_LIMITS.kept])
      return rows.length > 0
    },
    release: async (webhook, delivery) => {
      await db.query('DELETE FROM parley_webhook_deliveries WHERE bot_id = $1 AND plugin = $2 AND webhook = $3 AND delivery = $4', [botId, plugin, webhook, delivery])
    },
  }
}
