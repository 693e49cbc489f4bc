export type { User, Conversation, Message, StoredEvent, StateRecord, WorkflowInstance } from '../../storage/index.js'
