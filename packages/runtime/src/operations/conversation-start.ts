import type { Engine } from '../engine/engine.js'
import type { Caller, CodeUnit } from '../engine/units.js'
import { createEvent } from './events.js'

/**
 * The event a plugin declares to hear that a conversation was created through the API or client
 * (`getOrCreateConversation`) before any message: `conversationStarted`, with its id in `conversationId`.
 * (`createPlugin` declares it, so its `conversation:start` hooks also hear conversations opened without
 * a message; a first message announces the others.)
 */
export const CONVERSATION_STARTED_EVENT = 'conversationStarted'

/** Each plugin declaring {@link CONVERSATION_STARTED_EVENT} gets its own such event, stored and delivered like any event. */
export async function announceConversationStart(engine: Engine, caller: Caller, conversationId: string): Promise<void> {
  for (const unit of listeners(engine)) {
    const ctx = { ...caller.ctx, alias: unit.alias, conversationId, userId: '', messageId: '', eventId: '' }
    await createEvent(engine, { unit, ctx, ...(caller.turn ? { turn: caller.turn } : {}) }, { type: CONVERSATION_STARTED_EVENT, payload: { conversationId } })
  }
}

function listeners(engine: Engine): CodeUnit[] {
  return [...engine.plugins.values()].filter((unit) => unit.scope.own.event.includes(CONVERSATION_STARTED_EVENT))
}
