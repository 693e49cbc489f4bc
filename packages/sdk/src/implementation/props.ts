import type { Client } from './client.js'
import type { Context } from './context.js'
import type {
  ActionsProxy, ConversationsProxy, EventsProxy, IntegrationsProxy, InterfacesProxy, Logger, StatesProxy, TablesProxy,
  UsersProxy, WorkflowsProxy,
} from './proxies.js'
import type { Conversation, Event, Message, StateRecord, User, WorkflowInstance } from './records.js'
import type { IfLoose, ImplementationTypes, NameOf } from './types.js'

// any: with loose types every name is allowed, and an index signature would read as possibly
// undefined under `noUncheckedIndexedAccess`; generated types make each proxy exact.
type Proxy<T extends ImplementationTypes, P> = IfLoose<T, any, P>

/** What every handler receives. */
export interface CommonHandlerProps<T extends ImplementationTypes> {
  readonly client: Client<T>
  readonly ctx: Context
  readonly logger: Logger
  readonly configuration: T['configuration']
  readonly actions: Proxy<T, ActionsProxy<T['actions']>>
  readonly states: Proxy<T, StatesProxy<T>>
  readonly events: Proxy<T, EventsProxy<T>>
  readonly tables: Proxy<T, TablesProxy<T>>
  readonly workflows: Proxy<T, WorkflowsProxy<T>>
  readonly users: UsersProxy
  readonly conversations: ConversationsProxy
  readonly interfaces: Proxy<T, InterfacesProxy<T>>
  readonly integrations: Proxy<T, IntegrationsProxy<T>>
}

/** `'*'` or a name: which entries a handler is registered for. */
export type Selector<TName extends string> = TName | '*'

/** The payload type for a selector: one name's, or the union of all for `'*'`. */
type Selected<TRecord, K> = K extends keyof TRecord ? TRecord[K] : TRecord[keyof TRecord]
type SelectedName<TRecord, K> = K extends '*' ? NameOf<TRecord> : K & string

/** A message of one type (or any type, for `'*'`), with its payload typed. */
export type MessageOf<T extends ImplementationTypes, K> = {
  [M in SelectedName<T['messages'], K>]: Message<M, T['messages'][M]>
}[SelectedName<T['messages'], K>]

export type EventOf<T extends ImplementationTypes, K> = {
  [E in SelectedName<T['events'], K>]: Event<E, T['events'][E]>
}[SelectedName<T['events'], K>]

export interface MessageHandlerProps<T extends ImplementationTypes, K = '*'> extends CommonHandlerProps<T> {
  readonly message: MessageOf<T, K>
  readonly user: User
  readonly conversation: Conversation
}

export interface EventHandlerProps<T extends ImplementationTypes, K = '*'> extends CommonHandlerProps<T> {
  readonly event: EventOf<T, K>
}

export interface ActionHandlerProps<T extends ImplementationTypes, K extends NameOf<T['actions']>> extends CommonHandlerProps<T> {
  /** The action's name (typed as a plain string so one handler can serve names of a loose record). */
  readonly type: string
  readonly input: T['actions'][K]['input']
}

export interface StateExpiredHandlerProps<T extends ImplementationTypes, K = '*'> extends CommonHandlerProps<T> {
  readonly state: StateRecord<SelectedName<T['states'], K>, Selected<T['states'], K> extends { payload: infer P } ? P : never>
}

export interface WorkflowHandlerProps<T extends ImplementationTypes, K = '*'> extends CommonHandlerProps<T> {
  readonly workflow: WorkflowInstance<
    SelectedName<T['workflows'], K>,
    Selected<T['workflows'], K> extends { input: infer I } ? I : never,
    Selected<T['workflows'], K> extends { output: infer O } ? O : never
  >
  /** The event that moved the workflow on, for `workflowContinue`. */
  readonly event?: Event
}

export type Handler<P> = (props: P) => Promise<void> | void

export type ActionHandler<T extends ImplementationTypes, K extends NameOf<T['actions']>> = (
  props: ActionHandlerProps<T, K>,
) => Promise<T['actions'][K]['output']> | T['actions'][K]['output']

/** One handler per action the implementation's definition declares. */
export type ActionHandlers<T extends ImplementationTypes> = IfLoose<T, Readonly<Record<string, ActionHandler<T, NameOf<T['actions']>>>>, { readonly [K in NameOf<T['actions']>]: ActionHandler<T, K> }>
