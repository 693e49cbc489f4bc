import type { Engine } from '../engine/engine.js'
import type { Caller, CodeUnit } from '../engine/units.js'
import { storesOf } from '../engine/turn.js'
import { getConversation } from './directory.js'
import { createEvent } from './events.js'

/**
 * The event a plugin declares to hear that a conversation ended: `conversationEnded`, with the
 * conversation's id in `conversationId`. (`createPlugin` declares it for its `conversation:end` hooks.)
 */
export const CONVERSATION_ENDED_EVENT = 'conversationEnded'

/**
 * Ends a conversation: each plugin declaring {@link CONVERSATION_ENDED_EVENT} gets its own such event,
 * stored and delivered like any event (once, in any process), about the conversation and its last user.
 */
export async function endConversation(engine: Engine, caller: Caller, request: { readonly id: string }) {
  const { conversation } = await getConversation(engine, caller, request)
  const [last] = (await storesOf(engine.stores, caller.turn).messages.list({ conversationId: conversation.id, limit: 1, order: 'desc' })).items
  for (const unit of listeners(engine)) {
    const ctx = { ...caller.ctx, alias: unit.alias, conversationId: conversation.id, userId: last?.userId ?? '', messageId: '', eventId: '' }
    await createEvent(engine, { unit, ctx, ...(caller.turn ? { turn: caller.turn } : {}) }, { type: CONVERSATION_ENDED_EVENT, payload: { conversationId: conversation.id } })
  }
  return { conversation }
}

function listeners(engine: Engine): CodeUnit[] {
  return [...engine.plugins.values()].filter((unit) => unit.scope.own.event.includes(CONVERSATION_ENDED_EVENT))
}
