import type { Context, Event } from '@parley/sdk'
import type { Engine } from '../../engine/engine.js'
import type { HandlerFailure } from '../handlers/failures.js'
import { runHandlers } from '../handlers/run-handlers.js'
import { runHooks } from '../handlers/run-hooks.js'
import { eventView } from '../handlers/views.js'
import { toEvent } from '../../engine/records.js'
import { continueWorkflow } from '../workflows/workflow-handlers.js'

/**
 * Delivers a stored event (the event job runs this): before-hooks, then event handlers (plugins first,
 * each seeing the type under its own name), then after-hooks. The event is marked processed, or failed
 * with what failed; a workflow it was sent to then continues.
 */
export async function deliverEvent(engine: Engine, eventId: string, workflowId?: string): Promise<void> {
  const stored = await engine.stores.events.get(eventId)
  if (!stored) return
  const event = toEvent(stored, engine.botId)
  const ctx: Context = { botId: engine.botId, alias: '', conversationId: event.conversationId ?? '', userId: event.userId ?? '', messageId: event.messageId ?? '', eventId }
  const before = await runHooks(engine, { kind: 'beforeIncomingEvent', name: event.type, data: event, ctx, view: eventView, onError: 'record' })
  const failures = before.stopped ? [...before.failures] : [...before.failures, ...(await handle(engine, ctx, before.data))]
  await (failures.length > 0 ? engine.stores.events.markFailed(eventId, summary(failures)) : engine.stores.events.markProcessed(eventId))
  if (workflowId) await continueWorkflow(engine, workflowId, event)
}

async function handle(engine: Engine, ctx: Context, event: Event): Promise<HandlerFailure[]> {
  const failures = await runHandlers(engine, { kind: 'event', name: event.type, ctx, props: (unit) => ({ event: eventView.toLocal(unit, event) }) })
  const after = await runHooks(engine, { kind: 'afterIncomingEvent', name: event.type, data: event, ctx, view: eventView, onError: 'record' })
  return [...failures, ...after.failures]
}

function summary(failures: readonly HandlerFailure[]): string {
  return failures.map((failure) => `${failure.handler} of ${failure.owner}: ${failure.error.message}`).join('; ')
}
