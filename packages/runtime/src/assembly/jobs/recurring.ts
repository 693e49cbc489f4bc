import { nextOccurrence, parseSchedule, type ComposedRecurringEvent } from '@parley/sdk'
import type { Engine } from '../../engine/engine.js'
import type { Job } from '../../jobs/job-queue.js'
import type { JobOutcome } from '../../jobs/worker.js'
import { RECURRING_EVENT_JOB } from '../../jobs/job-kinds.js'
import { createEvent } from '../../operations/events.js'

/**
 * One keyed job per recurring event of the composed bot, due at its next occurrence. A job whose schedule
 * is unchanged keeps its due time across restarts; those of events no longer declared are removed.
 */
export async function syncRecurringEvents(engine: Engine): Promise<void> {
  const now = engine.clock.now()
  const entries = Object.entries(engine.definition.recurringEvents)
  for (const [name, recurring] of entries) {
    const payload = { name, cron: recurring.schedule.cron, timezone: recurring.schedule.timezone ?? 'UTC' }
    await engine.jobs.ensure(engine.db, { kind: RECURRING_EVENT_JOB, key: keyOf(name), payload, runAt: nextRun(recurring, now) })
  }
  await engine.jobs.prune(engine.db, RECURRING_EVENT_JOB, entries.map(([name]) => keyOf(name)))
}

/** Emits the event as the bot (which may name any event) and asks to run again at the next occurrence. */
export async function runRecurringEvent(engine: Engine, job: Job): Promise<JobOutcome> {
  const recurring = engine.definition.recurringEvents[String(job.payload['name'])]
  if (!recurring) return undefined
  const ctx = { botId: engine.botId, alias: '', conversationId: '', userId: '', messageId: '', eventId: '' }
  await createEvent(engine, { unit: engine.bot, ctx }, { type: recurring.type, payload: recurring.payload })
  return { rescheduleAt: nextRun(recurring, engine.clock.now()) }
}

function nextRun(recurring: ComposedRecurringEvent, after: Date): Date {
  return nextOccurrence(parseSchedule(recurring.schedule.cron, recurring.schedule.timezone), after)
}

function keyOf(name: string): string {
  return `recurring:${name}`
}
