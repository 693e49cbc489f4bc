import type { Conversation } from '../conversations/conversations.js'
import type { StoredEvent, EventStatus } from '../events/events.js'
import type { Message } from '../messages/messages.js'
import type { StateKey, StateRecord } from '../states/state-rows.js'
import type { StateStep } from '../states/state-steps.js'
import type { Tags } from '../tags/tags.js'
import type { User } from '../users/users.js'
import type { WorkflowInstance } from '../workflows/workflows.js'

/** A job a turn adds: stored with its writes, due at `runAt`. */
export interface TurnJob {
  readonly kind: string
  readonly payload: Readonly<Record<string, unknown>>
  readonly runAt: string
}

/** One state as a turn sees it: as stored when first read (`base`), as changed since (`view`), and how. */
export interface StateEntry {
  readonly key: StateKey
  readonly base: StateRecord | undefined
  readonly view: StateRecord | undefined
  readonly steps: readonly StateStep[]
}

/**
 * What a turn wrote and has not stored yet. Every value is replaced, never changed in place, so a copy of
 * the maps is a savepoint.
 */
export interface Pending {
  readonly states: Map<string, StateEntry>
  /** Messages created in the turn, in the order they were created, with the tags written on them since. */
  readonly messages: Map<string, Message>
  /** Tags to add to stored messages. */
  readonly messageTags: Map<string, Tags>
  readonly users: Map<string, { readonly name?: string; readonly pictureUrl?: string; readonly tags: Tags }>
  readonly conversations: Map<string, Tags>
  readonly events: Map<string, StoredEvent>
  readonly eventStatus: Map<string, { readonly status: EventStatus; readonly error?: string }>
  readonly workflows: Map<string, WorkflowInstance>
  readonly jobs: TurnJob[]
  readonly jobsDone: number[]
}

/** How a turn knows a user as a participant of a conversation. */
export function participantKey(conversationId: string, userId: string): string {
  return `${conversationId}\u0000${userId}`
}

export function emptyPending(): Pending {
  return {
    states: new Map(), messages: new Map(), messageTags: new Map(), users: new Map(), conversations: new Map(),
    events: new Map(), eventStatus: new Map(), workflows: new Map(), jobs: [], jobsDone: [],
  }
}

export function copyPending(pending: Pending): Pending {
  return {
    states: new Map(pending.states), messages: new Map(pending.messages), messageTags: new Map(pending.messageTags),
    users: new Map(pending.users), conversations: new Map(pending.conversations), events: new Map(pending.events),
    eventStatus: new Map(pending.eventStatus), workflows: new Map(pending.workflows), jobs: [...pending.jobs], jobsDone: [...pending.jobsDone],
  }
}

export function isEmpty(pending: Pending): boolean {
  const sizes = [pending.messages, pending.messageTags, pending.users, pending.conversations, pending.events, pending.eventStatus, pending.workflows].map((map) => map.size)
  return sizes.every((size) => size === 0) && pending.jobs.length === 0 && pending.jobsDone.length === 0 && [...pending.states.values()].every((entry) => entry.steps.length === 0)
}

export function stateKeyOf(key: StateKey): string {
  return `${key.type}\u0000${key.id}\u0000${key.name}`
}

/** The time a record written now is stamped with, kept as the ISO string it is stored and returned as. */
export function nowIso(): string {
  return new Date().toISOString()
}
