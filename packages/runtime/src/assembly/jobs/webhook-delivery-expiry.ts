import type { Engine } from '../../engine/engine.js'
import type { JobOutcome } from '../../jobs/worker.js'
import { WEBHOOK_DELIVERY_EXPIRY_JOB } from '../../jobs/job-kinds.js'
import { expireWebhookDeliveries } from '../../storage/index.js'

/**
 * How often delivery records are pruned. Often enough that a flood of new ids between two runs stays
 * small beside the bound; each run reads only the records of the last day.
 */
const WEBHOOK_DELIVERY_EXPIRY_MS = 10 * 60_000

/** One keyed job per bot prunes its webhook delivery records, so that claiming a delivery never does. */
export async function ensureWebhookDeliveryExpiry(engine: Engine): Promise<void> {
  const runAt = new Date(engine.clock.now().getTime() + WEBHOOK_DELIVERY_EXPIRY_MS)
  await engine.jobs.ensure(engine.db, { kind: WEBHOOK_DELIVERY_EXPIRY_JOB, key: WEBHOOK_DELIVERY_EXPIRY_JOB, payload: {}, runAt })
}

export async function expireDeliveries(engine: Engine): Promise<JobOutcome> {
  await expireWebhookDeliveries(engine.db, engine.botId)
  return { rescheduleAt: new Date(engine.clock.now().getTime() + WEBHOOK_DELIVERY_EXPIRY_MS) }
}
