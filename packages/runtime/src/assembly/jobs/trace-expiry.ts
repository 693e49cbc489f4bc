import type { Engine } from '../../engine/engine.js'
import type { JobOutcome } from '../../jobs/worker.js'
import { TRACE_EXPIRY_JOB } from '../../jobs/job-kinds.js'

/** How often old traces are deleted: hourly, or sooner when they are kept less than an hour. */
function intervalOf(engine: Engine): number {
  return Math.max(1000, Math.min(engine.turns.traceKeepMs, 60 * 60_000))
}

/** One keyed job per bot deletes the traces older than the time they are kept, then runs again later. */
export async function ensureTraceExpiry(engine: Engine): Promise<void> {
  const runAt = new Date(engine.clock.now().getTime() + intervalOf(engine))
  await engine.jobs.ensure(engine.db, { kind: TRACE_EXPIRY_JOB, key: TRACE_EXPIRY_JOB, payload: { keepMs: engine.turns.traceKeepMs }, runAt })
}

export async function expireTraces(engine: Engine): Promise<JobOutcome> {
  const now = engine.clock.now()
  await engine.traces.expire(new Date(now.getTime() - engine.turns.traceKeepMs))
  return { rescheduleAt: new Date(now.getTime() + intervalOf(engine)) }
}
