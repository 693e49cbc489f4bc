import { DEFAULT_WORKFLOW_TIMEOUT_MS, type BotDefinition, type Conversation, type Event, type Message, type StateRecord, type Tags, type User, type WorkflowInstance } from '@parley/sdk'
import type * as storage from '../storage/index.js'
import { withoutEmptyTags } from '../storage/index.js'
import { channelName } from './channels.js'

// Storage records carry a few columns the SDK's records leave out (`updatedAt` of messages and events,
// event status); handlers see exactly the SDK's shapes.

export function toUser(user: storage.User): User {
  return { id: user.id, ...(user.name === undefined ? {} : { name: user.name }), tags: setTags(user.tags), createdAt: user.createdAt, updatedAt: user.updatedAt }
}

/** `integration` is the name of the channel's integration, as Botpress code compares it with `interfaces.<alias>.name`. */
export function toConversation(conversation: storage.Conversation, definition: BotDefinition): Conversation {
  const { id, tags, createdAt, updatedAt } = conversation
  const integration = Object.hasOwn(definition.integrations, conversation.integration) ? definition.integrations[conversation.integration]!.definition.name : conversation.integration
  return { id, channel: channelName(conversation), integration, tags: setTags(tags), createdAt, updatedAt }
}

export function toMessage(message: storage.Message): Message {
  const { id, type, payload, direction, userId, conversationId, createdAt } = message
  return { id, type, payload, direction, userId, conversationId, tags: setTags(message.tags), createdAt }
}

/** `type` is the event's type as the receiving code names it. */
export function toEvent(event: storage.StoredEvent, botId: string, type = event.type): Event {
  const { id, payload, conversationId, userId, messageId, createdAt } = event
  return { id, botId, type, payload, ...defined({ conversationId, userId, messageId }), createdAt }
}

/** `name` is the state's name as the receiving code names it. */
export function toState(state: storage.StateRecord, name = state.name): StateRecord {
  const { type, id, payload, version, createdAt, updatedAt, expiresAt } = state
  return { type, id, name, payload, version, createdAt, updatedAt, ...defined({ expiresAt }) }
}

/** A run stored before every run had a timeout reads as timing out the default time after it was created. */
export function toWorkflow(workflow: storage.WorkflowInstance): WorkflowInstance {
  const { id, name, status, input, createdAt, updatedAt } = workflow
  const { output, error, conversationId, userId } = workflow
  const timeoutAt = workflow.timeoutAt ?? new Date(Date.parse(createdAt) + DEFAULT_WORKFLOW_TIMEOUT_MS).toISOString()
  return { id, name, status, input, ...defined({ output, error, conversationId, userId }), timeoutAt, tags: setTags(workflow.tags), createdAt, updatedAt }
}

/**
 * The tags a record has: a tag set to `''` is removed, as Botpress removes a tag written empty. Storage
 * removes it on write (the tables and a turn's own records alike), so this only guards what reaches code.
 */
export function setTags(tags: storage.Tags): Tags {
  return withoutEmptyTags(tags)
}

/** Tags as storage keeps them: only string values (a tag set to `undefined` is left out). */
export function storedTags(tags: Tags | undefined): storage.Tags | undefined {
  if (tags === undefined) return undefined
  return Object.fromEntries(Object.entries(tags).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

/** The properties of `values` that are not `undefined`, so optional fields are absent rather than undefined. */
export function defined<T extends object>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const set: Record<string, unknown> = {}
  // Keys come from object literals in this code, never from input, so plain assignment is safe here.
  for (const key of Object.keys(values)) {
    const value = (values as Record<string, unknown>)[key]
    if (value !== undefined) set[key] = value
  }
  return set as { [K in keyof T]?: Exclude<T[K], undefined> }
}
