import type { Engine } from '../engine/engine.js'
import { notFound } from '../engine/errors.js'
import { toMessage } from '../engine/records.js'

export async function getMessage(engine: Engine, request: { readonly id: string }) {
  const message = await engine.stores.messages.get(request.id)
  if (!message) throw notFound('message', request.id, engine.botId)
  return { message: toMessage(message) }
}

/** A conversation's messages, oldest first. */
export async function listMessages(engine: Engine, request: { readonly conversationId: string; readonly limit?: number; readonly offset?: number }) {
  const page = await engine.stores.messages.list(request)
  return { messages: page.items.map(toMessage) }
}
