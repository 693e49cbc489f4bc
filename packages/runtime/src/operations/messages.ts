import type { Engine } from '../engine/engine.js'
import { notFound } from '../engine/errors.js'
import type { Tags } from '@parley/sdk'
import { storedTags, toMessage } from '../engine/records.js'
import { storesOf } from '../engine/turn.js'
import type { Caller } from '../engine/units.js'

export async function getMessage(engine: Engine, caller: Caller, request: { readonly id: string }) {
  const message = await storesOf(engine.stores, caller.turn).messages.get(request.id)
  if (!message) throw notFound('message', request.id, engine.botId)
  return { message: toMessage(message) }
}

/** A conversation's messages, oldest first. */
export async function listMessages(engine: Engine, caller: Caller, request: { readonly conversationId: string; readonly limit?: number; readonly offset?: number }) {
  const page = await storesOf(engine.stores, caller.turn).messages.list(request)
  return { messages: page.items.map(toMessage) }
}

