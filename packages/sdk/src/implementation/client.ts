import type { IfLoose, ImplementationTypes, LooseTypes, NameOf } from './types.js'
import type { Conversation, Event, Message, RowMeta, StateRecord, Tags, User, WorkflowInstance } from './records.js'
import type { AggregateQuery, FindRowsQuery, RowSelection, TableFilter } from './tables.js'

type Actions<T extends ImplementationTypes> = T['callableActions']
type States<T extends ImplementationTypes> = T['states']
type Row<T extends ImplementationTypes, K extends NameOf<T['tables']>> = T['tables'][K]

// any: untyped code reads states in many shapes; generated types make them exact
type StateResult<T extends ImplementationTypes, K extends NameOf<States<T>>> = { state: IfLoose<T, any, StateRecord<K, States<T>[K]['payload']>> }

export interface StateKey<T extends ImplementationTypes, K extends NameOf<States<T>>> {
  readonly type: States<T>[K]['type']
  readonly id: string
  readonly name: K
}

/**
 * Write only if the state is at this version: otherwise nothing is written and the call fails with code
 * `STATE_VERSION_CONFLICT` (naming both versions), also when the state is not set.
 */
export interface IfVersion {
  readonly ifVersion?: number
}

/** `updateState`: `update` gets the current payload (or `default` when not set) and returns the new one. */
export type StateUpdateRequest<T extends ImplementationTypes, K extends NameOf<States<T>>> = StateKey<T, K> & {
  readonly default?: States<T>[K]['payload']
  readonly expiry?: number
  // A method, not a function property, so `Client<T>` stays assignable across generated types as before.
  update(payload: States<T>[K]['payload']): States<T>[K]['payload'] | Promise<States<T>[K]['payload']>
}

/**
 * The one API to a running bot, the same in-process (handler props' `client`) and over HTTP. Names are
 * written as the calling code knows them; inside a plugin, its own names need no prefix.
 *
 * @example
 * const out = await client.callAction({ type: 'analytics:trackEvent', input: { name: 'signup' } })
 */
export interface Client<T extends ImplementationTypes = LooseTypes> {
  callAction<K extends NameOf<Actions<T>>>(request: { readonly type: K; readonly input: Actions<T>[K]['input'] }): Promise<Actions<T>[K]['output']>

  createEvent<K extends NameOf<T['events']>>(request: {
    readonly type: K
    readonly payload: T['events'][K]
    readonly conversationId?: string
    readonly userId?: string
    readonly messageId?: string
    /** A workflow this event moves on: its `workflowContinue` handlers run, with the event, once it is handled. */
    readonly workflowId?: string
    /** Deliver later instead of now. */
    readonly schedule?: { readonly delayMs: number } | { readonly at: string }
  }): Promise<{ event: Event<K, T['events'][K]> }>
  getEvent(request: { readonly id: string }): Promise<{ event: Event }>
  listEvents(request?: { readonly type?: string; readonly conversationId?: string; readonly limit?: number; readonly offset?: number }): Promise<{ events: Event[] }>

  getState<K extends NameOf<States<T>>>(key: StateKey<T, K>): Promise<StateResult<T, K>>
  setState<K extends NameOf<States<T>>>(request: StateKey<T, K> & IfVersion & { readonly payload: States<T>[K]['payload']; readonly expiry?: number }): Promise<StateResult<T, K>>
  getOrSetState<K extends NameOf<States<T>>>(request: StateKey<T, K> & { readonly payload: States<T>[K]['payload']; readonly expiry?: number }): Promise<StateResult<T, K>>
  /** Replaces the given top-level fields, merged where the state is stored, so fields another writer set meanwhile stay. */
  patchState<K extends NameOf<States<T>>>(request: StateKey<T, K> & IfVersion & { readonly payload: Partial<States<T>[K]['payload']> }): Promise<StateResult<T, K>>
  deleteState<K extends NameOf<States<T>>>(key: StateKey<T, K> & IfVersion): Promise<void>
  /**
   * Writes `update(current payload)`; when another writer changed the state first, `update` runs again on
   * the newer payload (a few times, then `STATE_VERSION_CONFLICT`), so no write is lost. Not set and no
   * `default`: `STATE_NOT_FOUND`.
   */
  updateState<K extends NameOf<States<T>>>(request: StateUpdateRequest<T, K>): Promise<StateResult<T, K>>

  createTableRow<K extends NameOf<T['tables']>>(request: { readonly table: K; readonly row: Row<T, K> }): Promise<{ row: Row<T, K> & RowMeta }>
  createTableRows<K extends NameOf<T['tables']>>(request: { readonly table: K; readonly rows: readonly Row<T, K>[] }): Promise<{ rows: (Row<T, K> & RowMeta)[] }>
  findTableRows<K extends NameOf<T['tables']>>(request: { readonly table: K } & FindRowsQuery<Row<T, K>>): Promise<{ rows: (Row<T, K> & RowMeta)[]; total: number }>
  /** The same as {@link findTableRows}. */
  listTableRows<K extends NameOf<T['tables']>>(request: { readonly table: K } & FindRowsQuery<Row<T, K>>): Promise<{ rows: (Row<T, K> & RowMeta)[]; total: number }>
  getTableRow<K extends NameOf<T['tables']>>(request: { readonly table: K; readonly id: number }): Promise<{ row: Row<T, K> & RowMeta }>
  updateTableRows<K extends NameOf<T['tables']>>(request: { readonly table: K; readonly patch: Partial<Row<T, K>> } & RowSelection<Row<T, K>>): Promise<{ rows: (Row<T, K> & RowMeta)[] }>
  upsertTableRows<K extends NameOf<T['tables']>>(request: { readonly table: K; readonly rows: readonly Row<T, K>[]; readonly keyColumn: Extract<keyof Row<T, K>, string> }): Promise<{ inserted: (Row<T, K> & RowMeta)[]; updated: (Row<T, K> & RowMeta)[] }>
  deleteTableRows<K extends NameOf<T['tables']>>(request: { readonly table: K } & (RowSelection<Row<T, K>> | { readonly all: true })): Promise<{ deleted: number }>
  aggregateTableRows<K extends NameOf<T['tables']>>(request: { readonly table: K } & AggregateQuery<Row<T, K>>): Promise<{ rows: Record<string, unknown>[] }>

  getUser(request: { readonly id: string }): Promise<{ user: User }>
  /** The user with this id (created if there is none: an outside service's own id works), else the first with all these tags, else a new one. */
  getOrCreateUser(request: { readonly id?: string; readonly name?: string; readonly tags?: Tags }): Promise<{ user: User }>
  updateUser(request: { readonly id: string; readonly name?: string; readonly tags?: Tags }): Promise<{ user: User }>
  listUsers(request?: { readonly tags?: Tags; readonly limit?: number; readonly offset?: number }): Promise<{ users: User[] }>

  getConversation(request: { readonly id: string }): Promise<{ conversation: Conversation }>
  /** The conversation with this id (created on `channel` if there is none), else the first with all these tags, else a new one. */
  getOrCreateConversation(request: { readonly id?: string; readonly channel?: string; readonly tags?: Tags }): Promise<{ conversation: Conversation }>
  updateConversation(request: { readonly id: string; readonly tags?: Tags }): Promise<{ conversation: Conversation }>
  listConversations(request?: { readonly tags?: Tags; readonly limit?: number; readonly offset?: number }): Promise<{ conversations: Conversation[] }>

  /** Sends a message from the bot (through the outgoing-message hooks). */
  createMessage<K extends NameOf<T['messages']>>(request: {
    readonly conversationId: string
    readonly userId?: string
    readonly type: K
    readonly payload: T['messages'][K]
    readonly tags?: Tags
  }): Promise<{ message: Message<K, T['messages'][K]> }>
  getMessage(request: { readonly id: string }): Promise<{ message: Message }>
  listMessages(request: { readonly conversationId: string; readonly limit?: number; readonly offset?: number }): Promise<{ messages: Message[] }>

  startWorkflow<K extends NameOf<T['workflows']>>(request: {
    readonly name: K
    readonly input: T['workflows'][K]['input']
    readonly conversationId?: string
    readonly userId?: string
    readonly timeoutMs?: number
  }): Promise<{ workflow: WorkflowInstance<K, T['workflows'][K]['input'], T['workflows'][K]['output']> }>
  getWorkflow(request: { readonly id: string }): Promise<{ workflow: WorkflowInstance }>
  /** Moves a workflow on: continue it, or finish it with output, failure or cancellation. */
  updateWorkflow(request: {
    readonly id: string
    readonly status?: 'in_progress' | 'completed' | 'failed' | 'cancelled'
    readonly output?: object
    readonly error?: string
  }): Promise<{ workflow: WorkflowInstance }>
  listWorkflows(request?: { readonly name?: string; readonly status?: string; readonly conversationId?: string }): Promise<{ workflows: WorkflowInstance[] }>
}

export type { TableFilter }
