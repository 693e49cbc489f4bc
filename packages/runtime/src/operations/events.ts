import type { Engine } from '../engine/engine.js'
import { notFound, PayloadError } from '../engine/errors.js'
import type { Caller } from '../engine/units.js'
import { toEvent } from '../engine/records.js'
import { EVENT_JOB } from '../jobs/job-kinds.js'
import { parsePayload } from '../engine/payload.js'

export interface CreateEventRequest {
  readonly type: string
  readonly payload: unknown
  readonly conversationId?: string
  readonly userId?: string
  readonly messageId?: string
  /** The workflow this event moves on: its `workflowContinue` handlers run once the event is handled. */
  readonly workflowId?: string
  readonly schedule?: { readonly delayMs: number } | { readonly at: string }
}

/**
 * Stores the event and, in the same transaction, the job that delivers it (now, or when scheduled), so an
 * event is never stored without being delivered, even if the process stops in between.
 */
export async function createEvent(engine: Engine, caller: Caller, request: CreateEventRequest) {
  const type = caller.unit.scope.resolve('event', request.type)
  const payload = parsePayload<Record<string, unknown>>(engine.definition.events[type]!.schema, request.payload, `event "${type}" payload`)
  const runAt = dueTime(engine, type, request.schedule)
  const stored = await engine.transaction(async ({ stores, db }) => {
    const event = await stores.events.create({ type, payload, ...links(caller, request) })
    const job = { eventId: event.id, ...(request.workflowId ? { workflowId: request.workflowId } : {}) }
    await engine.jobs.enqueue(db, { kind: EVENT_JOB, payload: job, runAt })
    return event
  })
  engine.worker.kick()
  return { event: toEvent(stored, engine.botId, caller.unit.scope.local('event', type)) }
}

export async function getEvent(engine: Engine, caller: Caller, request: { readonly id: string }) {
  const event = await engine.stores.events.get(request.id)
  if (!event) throw notFound('event', request.id, engine.botId)
  return { event: toEvent(event, engine.botId, caller.unit.scope.local('event', event.type)) }
}

export interface ListEventsRequest {
  readonly type?: string
  readonly conversationId?: string
  readonly limit?: number
  readonly offset?: number
}

export async function listEvents(engine: Engine, caller: Caller, request: ListEventsRequest = {}) {
  const type = request.type === undefined ? undefined : caller.unit.scope.resolve('event', request.type)
  const page = await engine.stores.events.list({ ...request, type })
  return { events: page.items.map((event) => toEvent(event, engine.botId, caller.unit.scope.local('event', event.type))) }
}

/** An event emitted while handling something concerns the same conversation, user and message unless told otherwise. */
function links(caller: Caller, request: CreateEventRequest) {
  const { ctx } = caller
  const pick = (given: string | undefined, inherited: string) => given ?? (inherited || undefined)
  return { conversationId: pick(request.conversationId, ctx.conversationId), userId: pick(request.userId, ctx.userId), messageId: pick(request.messageId, ctx.messageId) }
}

function dueTime(engine: Engine, type: string, schedule: CreateEventRequest['schedule']): Date {
  const now = engine.clock.now()
  if (schedule === undefined) return now
  const at = 'delayMs' in schedule ? now.getTime() + schedule.delayMs : Date.parse(schedule.at)
  if (Number.isFinite(at)) return new Date(Math.max(at, now.getTime()))
  const field = 'delayMs' in schedule ? 'delayMs' : 'at'
  throw new PayloadError(`event "${type}" schedule`, [{ path: field, message: `${JSON.stringify(schedule[field as keyof typeof schedule])} is not ${field === 'at' ? 'an ISO 8601 date' : 'a number of milliseconds'}` }])
}
