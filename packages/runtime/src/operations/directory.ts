import type { Tags } from '@parley/sdk'
import type { Engine } from '../engine/engine.js'
import { notFound, RuntimeError } from '../engine/errors.js'
import type { Caller } from '../engine/units.js'
import { parseChannel } from '../engine/channels.js'
import { defined, storedTags, toConversation, toUser } from '../engine/records.js'
import { storesOf } from '../engine/turn.js'
import { announceConversationStart } from './conversation-start.js'

// Users and conversations: the people the bot talks with, and where.

export async function getUser(engine: Engine, caller: Caller, request: { readonly id: string }) {
  const user = await stores(engine, caller).users.get(request.id)
  if (!user) throw notFound('user', request.id, engine.botId)
  return { user: toUser(user) }
}

/** The user with this id, or the first with all these tags, or a new user with them. */
export async function getOrCreateUser(engine: Engine, caller: Caller, request: { readonly id?: string; readonly name?: string; readonly tags?: Tags }) {
  const tags = storedTags(request.tags)
  if (request.id !== undefined) return { user: toUser(await stores(engine, caller).users.getOrCreate(checkedId('user', request.id), defined({ name: request.name, tags }))) }
  const found = tags && Object.keys(tags).length > 0 ? (await stores(engine, caller).users.list({ tags, limit: 1 })).items[0] : undefined
  return { user: toUser(found ?? (await stores(engine, caller).users.create(defined({ name: request.name, tags })))) }
}

export async function updateUser(engine: Engine, caller: Caller, request: { readonly id: string; readonly name?: string; readonly tags?: Tags }) {
  const tags = storedTags(request.tags)
  return { user: toUser(await stores(engine, caller).users.update(request.id, defined({ name: request.name, tags }))) }
}

export async function listUsers(engine: Engine, caller: Caller, request: { readonly tags?: Tags; readonly limit?: number; readonly offset?: number } = {}) {
  const page = await stores(engine, caller).users.list({ ...request, tags: storedTags(request.tags) })
  return { users: page.items.map(toUser) }
}

export async function getConversation(engine: Engine, caller: Caller, request: { readonly id: string }) {
  const conversation = await stores(engine, caller).conversations.get(request.id)
  if (!conversation) throw notFound('conversation', request.id, engine.botId)
  return { conversation: toConversation(conversation, engine.definition) }
}

/**
 * The conversation with this id, or the first on the channel with all these tags, or a new one. An
 * integration names its own channels bare (`sms`); others write `alias:channel`, or `webchat`.
 */
export async function getOrCreateConversation(engine: Engine, caller: Caller, request: { readonly id?: string; readonly channel?: string; readonly tags?: Tags }) {
  const ref = parseChannel(engine.definition, channelAsBotNames(caller, request.channel))
  const tags = storedTags(request.tags)
  const conversations = stores(engine, caller).conversations
  if (request.id !== undefined) {
    const id = checkedId('conversation', request.id)
    const existing = await conversations.get(id)
    return { conversation: toConversation(existing ?? (await started(engine, caller, await conversations.getOrCreate(id, { ...ref, ...defined({ tags }) }))), engine.definition) }
  }
  const found = tags && Object.keys(tags).length > 0 ? (await conversations.list({ ...ref, tags, limit: 1 })).items[0] : undefined
  return { conversation: toConversation(found ?? (await started(engine, caller, await conversations.create({ ...ref, ...defined({ tags }) }))), engine.definition) }
}

/**
 * A conversation this call created, announced to the plugins that listen. (Two callers creating the same
 * id at once may both announce it; listeners keep their own once-only record.)
 */
async function started<C extends { readonly id: string }>(engine: Engine, caller: Caller, conversation: C): Promise<C> {
  await announceConversationStart(engine, caller, conversation.id)
  return conversation
}

export async function updateConversation(engine: Engine, caller: Caller, request: { readonly id: string; readonly tags?: Tags }) {
  return { conversation: toConversation(await stores(engine, caller).conversations.update(request.id, { tags: storedTags(request.tags) ?? {} }), engine.definition) }
}

/** Conversations with all these tags, on one channel when `channel` is given (`alias:channel`, or `webchat`). */
export async function listConversations(engine: Engine, caller: Caller, request: { readonly tags?: Tags; readonly channel?: string; readonly limit?: number; readonly offset?: number } = {}) {
  const { channel, ...rest } = request
  const ref = channel === undefined ? {} : parseChannel(engine.definition, channelAsBotNames(caller, channel))
  const page = await stores(engine, caller).conversations.list({ ...rest, ...ref, tags: storedTags(request.tags) })
  return { conversations: page.items.map((conversation) => toConversation(conversation, engine.definition)) }
}

function channelAsBotNames(caller: Caller, channel: string | undefined): string | undefined {
  if (caller.unit.kind !== 'integration' || channel === undefined || channel.includes(':')) return channel
  return `${caller.unit.alias}:${channel}`
}

/** Ids chosen by callers (an outside service's user or thread id) must still fit a key. */
function checkedId(kind: 'user' | 'conversation', id: string): string {
  if (id.length > 0 && id.length <= 200) return id
  throw new RuntimeError('ID_INVALID', `${kind} id ${JSON.stringify(id.slice(0, 40))} is not allowed; give 1 to 200 characters, such as the outside service's own id`)
}

/** Reads and writes go through the caller's turn: a tag written in it is read back, and stored with it. */
function stores(engine: Engine, caller: Caller) {
  return storesOf(engine.stores, caller.turn)
}
