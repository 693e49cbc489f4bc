import type { Tags } from '@parley/sdk'
import type { Engine } from '../engine/engine.js'
import { messageSchema } from '../engine/channels.js'
import { notFound } from '../engine/errors.js'
import { parsePayload } from '../engine/payload.js'
import { defined, storedTags, toMessage } from '../engine/records.js'
import { storesOf } from '../engine/turn.js'
import type { Caller } from '../engine/units.js'

/**
 * Changes a stored message, as Botpress's `updateMessage` does: tags are merged (`undefined` removes one),
 * and a payload replaces the one sent once it fits the schema of the message's type on its conversation's
 * channel. The type stays.
 */
export async function updateMessage(engine: Engine, caller: Caller, request: { readonly id: string; readonly tags?: Tags; readonly payload?: object }) {
  const stores = storesOf(engine.stores, caller.turn)
  const message = await stores.messages.get(request.id)
  if (!message) throw notFound('message', request.id, engine.botId)
  const payload = request.payload === undefined ? undefined : await checkedPayload(engine, caller, message, request.payload)
  return { message: toMessage(await stores.messages.update(request.id, { tags: storedTags(request.tags) ?? {}, ...defined({ payload }) })) }
}

async function checkedPayload(engine: Engine, caller: Caller, message: { readonly conversationId: string; readonly type: string }, payload: object) {
  const conversation = await storesOf(engine.stores, caller.turn).conversations.get(message.conversationId)
  if (!conversation) throw notFound('conversation', message.conversationId, engine.botId)
  return parsePayload(messageSchema(engine.definition, conversation, message.type), payload, `message "${message.type}" payload`) as Record<string, unknown>
}
