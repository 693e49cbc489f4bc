import type { StateType } from '../definitions/entities.js'
import type { IfLoose, ImplementationTypes, LooseTypes, NameOf } from './types.js'
import type { Conversation, Event, Message, RowMeta, StateRecord, Tags, User, WorkflowInstance } from './records.js'
import type { AggregateQuery, FindRowsQuery, RowSelection, TableFilter } from './tables.js'
import type { ActionResult, IsOpenStateName, OpenActionName, OpenPayload } from './names.js'
import type { ClientExtensionOperation, DirectoryClient, FilesClient, TablesAdminClient } from './client-extensions.js'
import type { AppsClient } from '../apps/client.js'

/** The names under which Botpress code reaches a client's untyped self (`client._inner`; older plugins `client._client`). */
export const UNTYPED_CLIENT_NAMES = ['_inner', '_client'] as const

type States<T extends ImplementationTypes> = T['states']
type Row<T extends ImplementationTypes, K extends NameOf<T['tables']>> = T['tables'][K]
type Channels<T extends ImplementationTypes> = NonNullable<T['dependencyChannels']>

/**
 * A message type's payload on any channel the code knows: the standard one, or a dependency channel's
 * (hitl's `text` also takes the `userId` to speak as), as a conversation may be on either.
 */
export type MessagePayload<T extends ImplementationTypes, K extends NameOf<T['messages']>> = T['messages'][K] | {
  [A in keyof Channels<T>]: { [C in keyof Channels<T>[A]]: K extends keyof Channels<T>[A][C] ? Channels<T>[A][C][K] : never }[keyof Channels<T>[A]]
}[keyof Channels<T>]

/**
 * Which state: its owner kind follows from its name. (A name the package does not declare is taken by
 * the other signature of each state method, {@link OpenStateKey}.)
 */
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
 * A state the generated types cannot know: the bot's own (unprefixed: the bot declares it, as Botpress
 * Studio's `typingIndicatorEnabled`), or one computed at run time. Its payload is checked by the
 * runtime. Another package's state (`crm:accounts`) is not one of these: it is out of reach.
 */
export interface OpenStateKey<K extends string> {
  readonly type: StateType
  readonly id: string
  readonly name: K & (IsOpenStateName<K> extends true ? string : never)
}

// any: untyped code reads states in many shapes; generated types make them exact
type StateResult<T extends ImplementationTypes, K extends NameOf<States<T>>> = { state: IfLoose<T, any, StateRecord<K, States<T>[K]['payload']>> }
type OpenStateResult<K extends string> = { state: StateRecord<K, OpenPayload> }

type NotKnown<T extends ImplementationTypes, K extends string> = K extends NameOf<States<T>> ? never : string

/**
 * The one API to a running bot, the same in-process (handler props' `client`) and over HTTP. Names are
 * written as the calling code knows them; inside a plugin, its own names need no prefix.
 *
 * @example
 * const out = await client.callAction({ type: 'analytics:trackEvent', input: { name: 'signup' } })
 */
export interface Client<T extends ImplementationTypes = LooseTypes> extends FilesClient, TablesAdminClient, DirectoryClient, AppsClient {
  /** The same client without the generated types, where Botpress code reaches its untyped client. */
  readonly _inner: Client<LooseTypes>
  /** `_inner` as older Botpress plugins name it. */
  readonly _client: Client<LooseTypes>
  /**
   * Calls an action by the name the calling code knows it by. The result is the action's output, which
   * also carries itself as `output` (`const { output } = await client.callAction(…)`, as Botpress code reads it).
   */
  callAction<K extends string>(request: { readonly type: K & OpenActionName<T, K>; readonly input: OpenPayload }): Promise<OpenPayload>
  callAction<K extends NameOf<T['callableActions']>>(request: { readonly type: K; readonly input: T['callableActions'][K]['input'] }): Promise<IfLoose<T, OpenPayload, ActionResult<T['callableActions'][K]['output']>>>

  createEvent<K extends NameOf<T['events']>>(request: {
    readonly type: K
    readonly payload: T['events'][K]
    readonly conversationId?: string
    readonly userId?: string
    readonly messageId?: string
    /** A workflow this event moves on: its `workflowContinue` handlers run, with the event, once it is handled. */
    readonly workflowId?: string
    /** Deliver later instead of now: after `delayMs` (or Botpress's `delay`), or at a time (`at`, or Botpress's `dateTime`). */
    readonly schedule?: EventSchedule
  }): Promise<{ event: Event<K, T['events'][K]> }>
  getEvent(request: { readonly id: string }): Promise<{ event: Event }>
  /** Events, oldest first; `status: 'scheduled'` lists those not yet due, `'pending'` those due and not yet handled. */
  listEvents(request?: { readonly type?: string; readonly status?: EventStatus; readonly conversationId?: string; readonly limit?: number; readonly offset?: number }): Promise<{ events: Event[] }>

  getState<K extends string>(key: OpenStateKey<K & NotKnown<T, K>>): Promise<OpenStateResult<K>>
  getState<K extends NameOf<States<T>>>(key: StateKey<T, K>): Promise<StateResult<T, K>>
  setState<K extends string>(request: OpenStateKey<K & NotKnown<T, K>> & IfVersion & { readonly payload: OpenPayload; readonly expiry?: number }): Promise<OpenStateResult<K>>
  setState<K extends NameOf<States<T>>>(request: StateKey<T, K> & IfVersion & { readonly payload: States<T>[K]['payload']; readonly expiry?: number }): Promise<StateResult<T, K>>
  getOrSetState<K extends string>(request: OpenStateKey<K & NotKnown<T, K>> & { readonly payload: OpenPayload; readonly expiry?: number }): Promise<OpenStateResult<K>>
  getOrSetState<K extends NameOf<States<T>>>(request: StateKey<T, K> & { readonly payload: States<T>[K]['payload']; readonly expiry?: number }): Promise<StateResult<T, K>>
  /** Replaces the given top-level fields, merged where the state is stored, so fields another writer set meanwhile stay. */
  patchState<K extends string>(request: OpenStateKey<K & NotKnown<T, K>> & IfVersion & { readonly payload: OpenPayload }): Promise<OpenStateResult<K>>
  patchState<K extends NameOf<States<T>>>(request: StateKey<T, K> & IfVersion & { readonly payload: Partial<States<T>[K]['payload']> }): Promise<StateResult<T, K>>
  deleteState<K extends string>(key: OpenStateKey<K & NotKnown<T, K>> & IfVersion): Promise<void>
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
  /** Ends the conversation: the plugins that declare a `conversationEnded` event receive one about it. */
  endConversation(request: { readonly id: string }): Promise<{ conversation: Conversation }>
  /** Conversations with all these tags, on one channel when `channel` is given (`alias:channel`, or `webchat`). */
  listConversations(request?: { readonly tags?: Tags; readonly channel?: string; readonly limit?: number; readonly offset?: number }): Promise<{ conversations: Conversation[] }>

  /** Sends a message from the bot (through the outgoing-message hooks). */
  createMessage<K extends NameOf<T['messages']>>(request: {
    readonly conversationId: string
    readonly userId?: string
    readonly type: K
    readonly payload: MessagePayload<T, K>
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
    /** When it times out, as an ISO 8601 date (Botpress's spelling; `timeoutMs` is the same from now). */
    readonly timeoutAt?: string
    readonly tags?: Tags
  }): Promise<{ workflow: WorkflowInstance<K, T['workflows'][K]['input'], T['workflows'][K]['output']> }>
  getWorkflow(request: { readonly id: string }): Promise<{ workflow: WorkflowInstance }>
  /** Moves a workflow on: continue it, or finish it with output, failure or cancellation. */
  updateWorkflow(request: {
    readonly id: string
    readonly status?: 'in_progress' | 'completed' | 'failed' | 'cancelled'
    readonly output?: object
    readonly error?: string
    /** Added to the run's tags, replacing those of the same name. */
    readonly tags?: Tags
    readonly timeoutAt?: string
  }): Promise<{ workflow: WorkflowInstance }>
  /** Runs, oldest first; `status` may name several (`['pending', 'in_progress']`). */
  listWorkflows(request?: {
    readonly name?: string
    readonly status?: string | readonly string[]
    readonly conversationId?: string
    readonly userId?: string
    readonly tags?: Tags
    readonly limit?: number
    readonly offset?: number
  }): Promise<{ workflows: WorkflowInstance[] }>
}

/** Botpress's event statuses: `scheduled` until due, `pending` until handled, then `processed` or `failed`. */
export type EventStatus = 'scheduled' | 'pending' | 'processed' | 'failed'

/** When a scheduled event is delivered; Botpress's spellings (`delay`, `dateTime`) are the same thing. */
export type EventSchedule =
  | { readonly delayMs: number }
  | { readonly at: string }
  | { readonly delay: number }
  | { readonly dateTime: string }

/** The client without {@link ClientExtensionOperation}s: what a client must at least serve. */
export type ClientCore<T extends ImplementationTypes = LooseTypes> = Omit<Client<T>, ClientExtensionOperation>

export type { TableFilter }
