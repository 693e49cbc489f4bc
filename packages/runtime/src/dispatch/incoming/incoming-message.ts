import type { Context, Conversation, Message, Tags, User } from '@parley/sdk'
import { messageSchema } from '../../engine/channels.js'
import type { Engine } from '../../engine/engine.js'
import { notFound } from '../../engine/errors.js'
import { parsePayload } from '../../engine/payload.js'
import { storedTags, toConversation, toMessage, toUser } from '../../engine/records.js'
import type { Turn } from '../../engine/turn.js'
import { CONVERSATION_END_JOB } from '../../jobs/job-kinds.js'
import type * as storage from '../../storage/index.js'
import type { HandlerFailure } from '../handlers/failures.js'
import { runHandlers } from '../handlers/run-handlers.js'
import { runHooks } from '../handlers/run-hooks.js'
import { messageView } from '../handlers/views.js'
import { runTurn } from '../turns/run-turn.js'
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
  /** Handlers and hooks that threw (their writes undone; the others ran, and the message is kept). */
  readonly failures: readonly HandlerFailure[]
}

/**
 * Receive → hooks → handlers, as one turn of the conversation (run after the conversation's earlier
 * turns, in every process): the message is checked and kept; before-hooks may change or stop it; message
 * handlers run, plugins first; after-hooks run; then the message, its tags and everything the hooks and
 * handlers wrote are stored at once. A message received while its own conversation's turn runs (an
 * integration action handing one in) joins that turn.
 */
export async function receiveMessage(engine: Engine, incoming: IncomingMessage, within?: Turn): Promise<IncomingOutcome> {
  if (within?.open && within.conversationId === incoming.conversationId) return handleIncoming(engine, within, incoming)
  const { conversationId, userId } = incoming
  const outcome = await runTurn(engine, { conversationId, userId, ctx: { conversationId, userId }, kind: 'message' }, (turn) => handleIncoming(engine, turn, incoming))
  return { ...outcome.value, failures: [...outcome.value.failures, ...outcome.failures] }
}

async function handleIncoming(engine: Engine, turn: Turn, incoming: IncomingMessage): Promise<IncomingOutcome> {
  const { conversation, user } = await parties(engine, turn.stores, incoming)
  const payload = parsePayload<Record<string, unknown>>(messageSchema(engine.definition, conversation, incoming.type), incoming.payload, `message "${incoming.type}" payload`)
  const stored = await turn.stores.messages.create({ ...incoming, direction: 'incoming', payload, tags: storedTags(incoming.tags) ?? {} })
  scheduleInactivityEnd(engine, turn, conversation.id, stored.id)
  const ctx: Context = { botId: engine.botId, alias: '', conversationId: conversation.id, userId: user.id, messageId: stored.id, eventId: '' }
  if (turn.trace && !turn.trace.links.messageId) turn.trace.links.messageId = stored.id
  const props = { user: toUser(user), conversation: toConversation(conversation, engine.definition) }
  const before = await runHooks(engine, { kind: 'beforeIncomingMessage', name: stored.type, data: toMessage(stored), ctx, turn, view: messageView, onError: 'record', props })
  const handled = before.stopped ? { message: before.data, failures: [] } : await handle(engine, ctx, turn, before.data, props)
  const message = await saveTags(turn.stores, stored, handled.message)
  return { message, stopped: before.stopped, failures: [...before.failures, ...handled.failures] }
}

/** The user and conversation of the message, as handlers and hooks receive them. */
type PartyProps = { readonly user: User; readonly conversation: Conversation }

async function handle(engine: Engine, ctx: Context, turn: Turn, message: Message, parties: PartyProps): Promise<{ message: Message; failures: HandlerFailure[] }> {
  const failures = await runHandlers(engine, { kind: 'message', name: message.type, ctx, turn, props: () => ({ message, ...parties }) })
  const after = await runHooks(engine, { kind: 'afterIncomingMessage', name: message.type, data: message, ctx, turn, view: messageView, onError: 'record', props: parties })
  return { message: after.data, failures: [...failures, ...after.failures] }
}

interface Parties {
  readonly conversation: storage.Conversation
  readonly user: storage.User
}

/** Both were loaded with the turn: no query here. */
async function parties(engine: Engine, stores: storage.BotStorage, incoming: IncomingMessage): Promise<Parties> {
  const [conversation, user] = await Promise.all([stores.conversations.get(incoming.conversationId), stores.users.get(incoming.userId)])
  if (!conversation) throw notFound('conversation', incoming.conversationId, engine.botId)
  if (!user) throw notFound('user', incoming.userId, engine.botId)
  return { conversation, user }
}

/**
 * The conversation's end, the inactivity timeout after this message: a job added to the turn, so it is
 * stored with the message or not at all. Each message adds its own; the end job of a message that is no
 * longer the newest ends nothing.
 */
function scheduleInactivityEnd(engine: Engine, turn: Turn, conversationId: string, messageId: string): void {
  const after = engine.turns.conversationInactivityMs
  if (after === undefined) return
  const runAt = new Date(engine.clock.now().getTime() + after).toISOString()
  turn.addJob({ kind: CONVERSATION_END_JOB, payload: { conversationId, messageId }, runAt })
}
