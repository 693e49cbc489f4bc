import { elapsed, recordStep } from '../../engine/trace.js'
import type { Context, Message, OutgoingMessage, Tags } from '@parley/sdk'
import { messageSchema, WEBCHAT } from '../../engine/channels.js'
import type { Engine } from '../../engine/engine.js'
import { notFound, RuntimeError } from '../../engine/errors.js'
import { parsePayload } from '../../engine/payload.js'
import { storedTags, toMessage } from '../../engine/records.js'
import type { Turn } from '../../engine/turn.js'
import type * as storage from '../../storage/index.js'
import { runHooks } from '../handlers/run-hooks.js'
import { messageView, outgoingMessageView } from '../handlers/views.js'
import { saveTags } from '../incoming/save-tags.js'
import { runTurn } from '../turns/run-turn.js'
import { deliverToChannel } from './deliver-to-channel.js'

/** A message the bot sends: `userId` is the user it is for, the one being handled when absent. */
export interface OutgoingRequest {
  readonly conversationId: string
  readonly userId?: string
  readonly type: string
  readonly payload: unknown
  readonly tags?: Tags
}

/**
 * The one place the bot sends a message. Checks the payload against the conversation's channel, runs the
 * before-hooks, keeps the message in the turn, runs the after-hooks; once the turn is stored, delivers it
 * through the integration's channel (a delivery failure is recorded; the message is kept) and tells the
 * listeners. Sent from outside any turn (the API), it is a turn of its own.
 */
export async function sendMessage(engine: Engine, ctx: Context, request: OutgoingRequest, turn?: Turn): Promise<Message> {
  if (turn?.open) return sendInTurn(engine, ctx, request, turn)
  const { conversationId } = request
  return (await runTurn(engine, { ctx: { ...ctx, conversationId } }, (own) => sendInTurn(engine, ctx, request, own))).value
}

async function sendInTurn(engine: Engine, ctx: Context, request: OutgoingRequest, turn: Turn): Promise<Message> {
  const { stores } = turn
  const conversation = await stores.conversations.get(request.conversationId)
  if (!conversation) throw notFound('conversation', request.conversationId, engine.botId)
  const draft = draftOf(engine, ctx, conversation, request)
  const { data } = await runHooks(engine, { kind: 'beforeOutgoingMessage', name: draft.type, data: draft, ctx, turn, view: outgoingMessageView, onError: 'record' })
  const stored = await store(engine, stores, data)
  if (turn.trace) recordStep(turn.trace, { kind: 'message', messageId: stored.id, type: stored.type, startMs: elapsed(turn.trace) })
  const after = await runHooks(engine, { kind: 'afterOutgoingMessage', name: stored.type, data: toMessage(stored), ctx, turn, view: messageView, onError: 'record' })
  const message = await saveTags(stores, stored, after.data)
  const viaChannel = conversation.integration !== WEBCHAT.integration
  turn.afterCommit(() => deliver(engine, ctx, conversation, stores, message.id), { ordered: viaChannel })
  return message
}

/** Once stored: through the channel (which may tag it), then to the listeners, as it is then. */
async function deliver(engine: Engine, ctx: Context, conversation: storage.Conversation, stores: storage.BotStorage, id: string): Promise<void> {
  const sent = toMessage((await stores.messages.get(id))!)
  const message = await deliverToChannel(engine, ctx, conversation, sent, stores)
  for (const listener of engine.listeners) listener(message)
}

function draftOf(engine: Engine, ctx: Context, conversation: storage.Conversation, request: OutgoingRequest): OutgoingMessage {
  const payload = parsePayload(messageSchema(engine.definition, conversation, request.type), request.payload, `message "${request.type}" payload`)
  // Botpress code names the bot as a message's author (`userId: ctx.botId`); here `userId` is whom it is for.
  const given = request.userId === engine.botId ? undefined : request.userId
  return { type: request.type, payload, conversationId: conversation.id, userId: given ?? (ctx.userId || undefined), tags: { ...request.tags } }
}

async function store(engine: Engine, stores: storage.BotStorage, message: OutgoingMessage): Promise<storage.Message> {
  const { conversationId, type } = message
  const userId = message.userId ?? (await lastParticipant(stores, conversationId))
  if (!(await stores.users.get(userId))) throw notFound('user', userId, engine.botId)
  const payload = message.payload as Record<string, unknown>
  return stores.messages.create({ conversationId, userId, direction: 'outgoing', type, payload, tags: storedTags(message.tags) ?? {} })
}

/**
 * Whom a message is for when neither the request nor the turn says: the user of the conversation's latest
 * message. Botpress code posts to a conversation from handlers without a user (an integration's event)
 * and names only the bot (`userId: ctx.botId`), as its messages need no recipient.
 */
async function lastParticipant(stores: storage.BotStorage, conversationId: string): Promise<string> {
  const [latest] = (await stores.messages.list({ conversationId, order: 'desc', limit: 1 })).items
  if (latest) return latest.userId
  throw new RuntimeError('CONTEXT_MISSING', `createMessage: give userId, the user the message is for; there is none to inherit here (only handlers of a user's message or event have one) and the conversation has no message yet`)
}
