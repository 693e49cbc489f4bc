import type { EventSchedule } from '@parley/sdk'
import { elapsed, recordStep } from '../engine/trace.js'
import type { Engine } from '../engine/engine.js'
import { notFound, PayloadError } from '../engine/errors.js'
import { parsePayload } from '../engine/payload.js'
import { defined, toEvent } from '../engine/records.js'
import { storesOf, type Turn } from '../engine/turn.js'
import type { Caller } from '../engine/units.js'
import { runTurn } from '../dispatch/turns/run-turn.js'
import { EVENT_JOB } from '../jobs/job-kinds.js'
import type { ListedEventStatus, StoredEvent } from '../storage/index.js'

export interface CreateEventRequest {
  readonly type: string
  readonly payload: unknown
  readonly conversationId?: string
  readonly userId?: string
  readonly messageId?: string
  /** The workflow this event moves on: its `workflowContinue` handlers run once the event is handled. */
  readonly workflowId?: string
  readonly schedule?: EventSchedule
}

type Due = { readonly delayMs: number } | { readonly at: string }

/** Botpress's spellings (`delay`, `dateTime`) as Parley's. */
function dueOf(schedule: EventSchedule | undefined): Due | undefined {
  if (schedule === undefined || 'delayMs' in schedule || 'at' in schedule) return schedule
  return 'delay' in schedule ? { delayMs: schedule.delay } : { at: schedule.dateTime }
}

/**
 * Stores the event with the job that delivers it (now, or when scheduled), in the caller's turn or in one
 * of its own, so an event is never stored without being delivered, even if the process stops in between.
 * The job names the event's conversation and user, so the delivery runs in their order.
 */
export async function createEvent(engine: Engine, caller: Caller, request: CreateEventRequest) {
  const type = caller.unit.scope.resolve('event', request.type)
  const payload = parsePayload<Record<string, unknown>>(engine.definition.events[type]!.schema, request.payload, `event "${type}" payload`)
  const runAt = dueTime(engine, type, dueOf(request.schedule)).toISOString()
  const emit = async (turn: Turn) => {
    const event = await turn.stores.events.create({ type, payload, ...links(caller, request) })
    if (turn.trace) recordStep(turn.trace, { kind: 'event', name: type, eventId: event.id, startMs: elapsed(turn.trace) })
    const { conversationId, userId } = event
    turn.addJob({ kind: EVENT_JOB, payload: { eventId: event.id, ...defined({ conversationId, userId, workflowId: request.workflowId }) }, runAt })
    return event
  }
  const stored = caller.turn?.open ? await emit(caller.turn) : (await runTurn(engine, {}, emit)).value
  return { event: toEvent(stored, engine.botId, caller.unit.scope.local('event', type)) }
}

/** An event the caller may not use (another plugin's) reads as not found, as a state of another would. */
export async function getEvent(engine: Engine, caller: Caller, request: { readonly id: string }) {
  const event = await storesOf(engine.stores, caller.turn).events.get(request.id)
  if (!event || !reaches(caller, event)) throw notFound('event', request.id, engine.botId)
  return { event: toEvent(event, engine.botId, caller.unit.scope.local('event', event.type)) }
}

export interface ListEventsRequest {
  readonly type?: string
  /** `scheduled`: not yet due; `pending`: due, not yet handled. */
  readonly status?: ListedEventStatus
  readonly conversationId?: string
  readonly limit?: number
  readonly offset?: number
}

/** The events of the types the caller may use: all for the bot, a plugin's own and its dependencies' for a plugin. */
export async function listEvents(engine: Engine, caller: Caller, request: ListEventsRequest = {}) {
  checkStatus(request.status)
  const type = request.type === undefined ? undefined : caller.unit.scope.resolve('event', request.type)
  const types = type === undefined ? caller.unit.scope.reachable('event') : undefined
  const page = await storesOf(engine.stores, caller.turn).events.list({ ...request, type, now: engine.clock.now(), ...defined({ types }) })
  return { events: page.items.map((event) => toEvent(event, engine.botId, caller.unit.scope.local('event', event.type))) }
}

const EVENT_STATUSES: readonly ListedEventStatus[] = ['scheduled', 'pending', 'processed', 'failed']

function checkStatus(status: unknown): void {
  if (status === undefined || EVENT_STATUSES.includes(status as ListedEventStatus)) return
  throw new PayloadError('listEvents', [{ path: 'status', message: `${JSON.stringify(String(status).slice(0, 40))} is not one of ${EVENT_STATUSES.join(', ')}` }])
}

function reaches(caller: Caller, event: StoredEvent): boolean {
  return caller.unit.scope.reachable('event')?.includes(event.type) ?? true
}

/** An event emitted while handling something concerns the same conversation, user and message unless told otherwise. */
function links(caller: Caller, request: CreateEventRequest) {
  const { ctx } = caller
  const pick = (given: string | undefined, inherited: string) => given ?? (inherited || undefined)
  return defined({ conversationId: pick(request.conversationId, ctx.conversationId), userId: pick(request.userId, ctx.userId), messageId: pick(request.messageId, ctx.messageId) })
}

function dueTime(engine: Engine, type: string, schedule: Due | undefined): Date {
  const now = engine.clock.now()
  if (schedule === undefined) return now
  const at = 'delayMs' in schedule ? now.getTime() + schedule.delayMs : Date.parse(schedule.at)
  if (Number.isFinite(at)) return new Date(Math.max(at, now.getTime()))
  const field = 'delayMs' in schedule ? 'delayMs' : 'at'
  throw new PayloadError(`event "${type}" schedule`, [{ path: field, message: `${JSON.stringify(schedule[field as keyof typeof schedule])} is not ${field === 'at' ? 'an ISO 8601 date' : 'a number of milliseconds'}` }])
}
