import type { Conversation, Event, Message, StateRecord, User, WorkflowInstance } from '@parley/sdk'
import type * as storage from './storage-records.js'
import { channelName } from './channels.js'
import { defined } from '../../util/defined.js'

// Storage records carry a few columns the SDK's records leave out (`updatedAt` of messages and events,
// event status); handlers see exactly the SDK's shapes.

export function toUser(user: storage.User): User {
  return { id: user.id, ...(user.name === undefined ? {} : { name: user.name }), tags: { ...user.tags }, createdAt: user.createdAt, updatedAt: user.updatedAt }
}

export function toConversation(conversation: storage.Conversation): Conversation {
  const { id, tags, createdAt, updatedAt } = conversation
  return { id, channel: channelName(conversation), tags: { ...tags }, createdAt, updatedAt }
}

export function toMessage(message: storage.Message): Message {
  const { id, type, payload, direction, userId, conversationId, createdAt } = message
  return { id, type, payload, direction, userId, conversationId, tags: { ...message.tags }, createdAt }
}

/** `type` is the event's type as the receiving code names it. */
export function toEvent(event: storage.StoredEvent, botId: string, type = event.type): Event {
  const { id, payload, conversationId, userId, messageId, createdAt } = event
  return { id, botId, type, payload, ...defined({ conversationId, userId, messageId }), createdAt }
}

/** `name` is the state's name as the receiving code names it. */
export function toState(state: storage.StateRecord, name = state.name): StateRecord {
  const { type, id, payload, createdAt, updatedAt, expiresAt } = state
  return { type, id, name, payload, createdAt, updatedAt, ...defined({ expiresAt }) }
}

export function toWorkflow(workflow: storage.WorkflowInstance): WorkflowInstance {
  const { id, name, status, input, createdAt, updatedAt } = workflow
  const { output, error, conversationId, userId, timeoutAt } = workflow
  return { id, name, status, input, ...defined({ output, error, conversationId, userId, timeoutAt }), createdAt, updatedAt }
}
