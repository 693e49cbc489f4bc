import type { TableDefinition } from '@parley/sdk'
import type { Queryable } from './database/database.js'
import { createConversationStore, type ConversationStore } from './conversations/conversations.js'
import { createEventStore, type EventStore } from './events/events.js'
import { createMessageStore, type MessageStore } from './messages/messages.js'
import { createParticipantStore, type ParticipantStore } from './participants/participants.js'
import { createStateStore, type StateStore } from './states/states.js'
import { createTableStore, type TableStore } from './tables/table-store.js'
import { createUserStore, type UserStore } from './users/users.js'
import { createWorkflowStore, type WorkflowStore } from './workflows/workflows.js'

export interface BotStorageOptions {
  readonly botId: string
  /** The bot's table definitions (its own and its plugins'); `ensureTables` must have created them. */
  readonly tables?: Readonly<Record<string, TableDefinition>>
  /** Largest state payload accepted, in bytes of JSON; 128 KiB by default. */
  readonly stateSizeLimit?: number
}

/** Every store of one bot. */
export interface BotStorage {
  readonly users: UserStore
  readonly conversations: ConversationStore
  readonly messages: MessageStore
  readonly events: EventStore
  readonly states: StateStore
  readonly tables: TableStore
  readonly workflows: WorkflowStore
  readonly participants: ParticipantStore
}

/**
 * All of one bot's stores over `db`. Pass a transaction as `db` to make several stores' writes one
 * atomic change.
 */
export function createBotStorage(db: Queryable, options: BotStorageOptions): BotStorage {
  const { botId } = options
  return {
    users: createUserStore(db, botId),
    conversations: createConversationStore(db, botId),
    messages: createMessageStore(db, botId),
    events: createEventStore(db, botId),
    states: createStateStore(db, botId, { sizeLimit: options.stateSizeLimit }),
    tables: createTableStore(db, botId, options.tables ?? {}),
    workflows: createWorkflowStore(db, botId),
    participants: createParticipantStore(db, botId),
  }
}
