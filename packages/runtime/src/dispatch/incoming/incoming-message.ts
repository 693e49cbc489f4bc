import type { Context, Message, Tags } from '@parley/sdk'
import type { Engine } from '../../engine/engine.js'
import { notFound } from '../../engine/errors.js'
import { storedTags, toConversation, toMessage, toUser } from '../../engine/records.js'
import type * as storage from '../../storage/index.js'
import { parsePayload } from '../../engine/payload.js'
import type { HandlerFailure } from '../handlers/failures.js'
import { runHandlers } from '../handlers/run-handlers.js'
import { runHooks } from '../handlers/run-hooks.js'
import { messageView } from '../handlers/views.js'
import { messageSchema } from '../../engine/channels.js'
import { saveTags } from './save-tags.js'

/** A message a user sent, on its way into the bot. */
export interface IncomingMessage {
  readonly conversationId: string
  readonly userId: string
  readonly type: string
  readonly payload: unknown
  readonly tags?: Tags
}

export interface IncomingOutcome {
  /** The message as stored once every hook and handler ran, with the tags they wrote. */
  readonly message: Message
  /** A before-hook stopped it: no handler ran. */
  readonly stopped: boolean
  /** Handlers and hooks that threw; the others ran, and the message is kept. */
  readonly failures: readonly HandlerFailure[]
}

/**
 * Receive → hooks → handlers → store: the message is checked and stored first, so it is kept whatever
 * its handlers do; before-hooks may change or stop it; message handlers run, plugins first; after-hooks
 * run; the tags written along the way are stored.
 */
export async function receiveMessage(engine: Engine, incoming: IncomingMessage): Promise<IncomingOutcome> {
  const { conversation, user } = await parties(engine, incoming)
  const payload = parsePayload<Record<string, unknown>>(messageSchema(engine.definition, conversation, incoming.type), incoming.payload, `message "${incoming.type}" payload`)
  const stored = await engine.stores.messages.create({ ...incoming, direction: 'incoming', payload, tags: storedTags(incoming.tags) ?? {} })
  const ctx: Context = { botId: engine.botId, alias: '', conversationId: conversation.id, userId: user.id, messageId: stored.id, eventId: '' }
  const before = await runHooks(engine, { kind: 'beforeIncomingMessage', name: stored.type, data: toMessage(stored), ctx, view: messageView, onError: 'record' })
  const handled = before.stopped ? { message: before.data, failures: [] } : await handle(engine, ctx, before.data, { user, conversation })
  const message = await saveTags(engine, stored, handled.message)
  return { message, stopped: before.stopped, failures: [...before.failures, ...handled.failures] }
}

async function handle(engine: Engine, ctx: Context, message: Message, parties: Parties): Promise<{ message: Message; failures: HandlerFailure[] }> {
  const props = { message, user: toUser(parties.user), conversation: toConversation(parties.conversation) }
  const failures = await runHandlers(engine, { kind: 'message', name: message.type, ctx, props: () => props })
  const after = await runHooks(engine, { kind: 'afterIncomingMessage', name: message.type, data: message, ctx, view: messageView, onError: 'record' })
  return { message: after.data, failures: [...failures, ...after.failures] }
}

interface Parties {
  readonly conversation: storage.Conversation
  readonly user: storage.User
}

async function parties(engine: Engine, incoming: IncomingMessage): Promise<Parties> {
  const [conversation, user] = await Promise.all([engine.stores.conversations.get(incoming.conversationId), engine.stores.users.get(incoming.userId)])
  if (!conversation) throw notFound('conversation', incoming.conversationId, engine.botId)
  if (!user) throw notFound('user', incoming.userId, engine.botId)
  return { conversation, user }
}
