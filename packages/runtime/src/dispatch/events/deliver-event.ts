import type { Context, Event } from '@parley/sdk'
import type { Engine } from '../../engine/engine.js'
import { defined, toEvent } from '../../engine/records.js'
import type { Turn } from '../../engine/turn.js'
import type { HandlerFailure } from '../handlers/failures.js'
import { runHandlers } from '../handlers/run-handlers.js'
import { runHooks } from '../handlers/run-hooks.js'
import { eventView } from '../handlers/views.js'
import { runTurn } from '../turns/run-turn.js'
import { continueWorkflowIn } from '../workflows/workflow-handlers.js'

/** An event job: which event, for which conversation and user (to run in their order), and for which workflow. */
export interface EventDelivery {
  readonly eventId: string
  readonly conversationId?: string
  readonly userId?: string
  /** A workflow the event moves on: its `workflowContinue` handlers run once the event is handled. */
  readonly workflowId?: string
  /** The job delivering it, deleted with the turn's writes. */
  readonly jobId?: number
}

/**
 * Delivers a stored event as one turn, in its conversation's order when it has one: before-hooks, then
 * event handlers (plugins first, each seeing the type under its own name), then after-hooks. The event is
 * marked processed, or failed with what failed; a workflow it was sent to then continues, in the same turn.
 */
export async function deliverEvent(engine: Engine, delivery: EventDelivery): Promise<void> {
  const { conversationId, userId, eventId } = delivery
  await runTurn(engine, { ...defined({ conversationId, userId }), ctx: { eventId }, kind: 'event' }, async (turn) => {
    const stored = await turn.stores.events.get(eventId)
    if (stored) await handleEvent(engine, turn, toEvent(stored, engine.botId), delivery.workflowId)
    if (delivery.jobId !== undefined) turn.completeJob(delivery.jobId)
  })
}

async function handleEvent(engine: Engine, turn: Turn, event: Event, workflowId: string | undefined): Promise<void> {
  const ctx: Context = { botId: engine.botId, alias: '', conversationId: event.conversationId ?? '', userId: event.userId ?? '', messageId: event.messageId ?? '', eventId: event.id }
  const before = await runHooks(engine, { kind: 'beforeIncomingEvent', name: event.type, data: event, ctx, turn, view: eventView, onError: 'record' })
  const failures = before.stopped ? [...before.failures] : [...before.failures, ...(await handle(engine, ctx, turn, before.data))]
  await (failures.length > 0 ? turn.stores.events.markFailed(event.id, summary(failures)) : turn.stores.events.markProcessed(event.id))
  if (workflowId) await continueWorkflowIn(engine, turn, workflowId, event)
}

async function handle(engine: Engine, ctx: Context, turn: Turn, event: Event): Promise<HandlerFailure[]> {
  const failures = await runHandlers(engine, { kind: 'event', name: event.type, ctx, turn, props: (unit) => ({ event: eventView.toLocal(unit, event) }) })
  const after = await runHooks(engine, { kind: 'afterIncomingEvent', name: event.type, data: event, ctx, turn, view: eventView, onError: 'record' })
  return [...failures, ...after.failures]
}

function summary(failures: readonly HandlerFailure[]): string {
  return failures.map((failure) => `${failure.handler} of ${failure.owner}: ${failure.error.message}`).join('; ')
}
