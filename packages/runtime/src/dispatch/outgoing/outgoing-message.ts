import type { Context, Message, OutgoingMessage, Tags } from '@parley/sdk'
import type { Engine } from '../../engine/engine.js'
import { notFound, RuntimeError } from '../../engine/errors.js'
import { storedTags, toMessage } from '../../engine/records.js'
import { parsePayload } from '../../engine/payload.js'
import { runHooks } from '../handlers/run-hooks.js'
import { messageView, outgoingMessageView } from '../handlers/views.js'
import { messageSchema } from '../../engine/channels.js'
import type * as storage from '../../storage/index.js'
import { deliverToChannel } from './deliver-to-channel.js'
import { saveTags } from '../incoming/save-tags.js'

/** A message the bot sends: `userId` is the user it is for, the one being handled when absent. */
export interface OutgoingRequest {
  readonly conversationId: string
  readonly userId?: string
  readonly type: string
  readonly payload: unknown
  readonly tags?: Tags
}

/**
 * Checks the payload against the conversation's channel, runs the before-hooks, stores the message,
 * delivers it through the integration's channel (a delivery failure is recorded; the message is kept),
 * runs the after-hooks, and tells the listeners.
 */
export async function sendMessage(engine: Engine, ctx: Context, request: OutgoingRequest): Promise<Message> {
  const conversation = await engine.stores.conversations.get(request.conversationId)
  if (!conversation) throw notFound('conversation', request.conversationId, engine.botId)
  const draft = draftOf(engine, ctx, conversation, request)
  const { data } = await runHooks(engine, { kind: 'beforeOutgoingMessage', name: draft.type, data: draft, ctx, view: outgoingMessageView, onError: 'record' })
  const stored = await store(engine, data)
  await deliverToChannel(engine, ctx, conversation, toMessage(stored))
  const after = await runHooks(engine, { kind: 'afterOutgoingMessage', name: stored.type, data: toMessage(stored), ctx, view: messageView, onError: 'record' })
  // Read again: the channel may have acknowledged the message with tags of its own.
  const message = await saveTags(engine, (await engine.stores.messages.get(stored.id)) ?? stored, after.data)
  for (const listener of engine.listeners) listener(message)
  return message
}

function draftOf(engine: Engine, ctx: Context, conversation: storage.Conversation, request: OutgoingRequest): OutgoingMessage {
  const payload = parsePayload(messageSchema(engine.definition, conversation, request.type), request.payload, `message "${request.type}" payload`)
  return { type: request.type, payload, conversationId: conversation.id, userId: request.userId ?? (ctx.userId || undefined), tags: { ...request.tags } }
}

async function store(engine: Engine, message: OutgoingMessage): Promise<storage.Message> {
  const { conversationId, type } = message
  const payload = message.payload as Record<string, unknown>
  return engine.stores.messages.create({ conversationId, userId: recipient(message), direction: 'outgoing', type, payload, tags: storedTags(message.tags) ?? {} })
}

function recipient(message: OutgoingMessage): string {
  if (message.userId) return message.userId
  throw new RuntimeError('CONTEXT_MISSING', `createMessage: give userId, the user the message is for; there is none to inherit here (only handlers of a user's message or event have one)`)
}
