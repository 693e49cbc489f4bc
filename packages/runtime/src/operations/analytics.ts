import type { Engine } from '../engine/engine.js'
import type { Caller } from '../engine/units.js'
import { InputError } from '../guards/index.js'
import { createAnalyticsStore } from '../storage/index.js'

// Counters belong to the bot, whichever plugin counts: Botpress's names carry their own prefixes.

/** Largest count one call adds: far above any real batch, and a sum of many stays an exact number. */
export const MAX_ANALYTICS_COUNT = 1_000_000

/** Most counters one read names. */
export const MAX_ANALYTICS_NAMES = 100

export async function trackAnalytics(engine: Engine, _caller: Caller, request: { readonly name: string; readonly count?: number }) {
  const count = request.count ?? 1
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_ANALYTICS_COUNT) {
    throw new InputError('trackAnalytics request', [{ path: 'count', message: `must be a whole number from 1 to ${MAX_ANALYTICS_COUNT}` }])
  }
  await createAnalyticsStore(engine.db, engine.botId).track(request.name, count)
  return {}
}

export async function listAnalytics(engine: Engine, _caller: Caller, request: { readonly names?: readonly string[]; readonly prefix?: string } = {}) {
  if ((request.names?.length ?? 0) > MAX_ANALYTICS_NAMES) {
    throw new InputError('listAnalytics request', [{ path: 'names', message: `name at most ${MAX_ANALYTICS_NAMES} counters per call` }])
  }
  return { analytics: await createAnalyticsStore(engine.db, engine.botId).list(request) }
}
