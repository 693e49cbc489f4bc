import type { Client } from './client.js'
import type { Context } from './context.js'
import type { KeyValueStoreOf } from './key-value.js'
import type { BotLogger } from './bot-logger.js'
import type {
  ActionsWithDependencies, ConversationFinder, DependencyChannels, DependencyProxy, EventSenders, MessageFinder, StatesByType, UserFinder,
  WorkflowStarters,
} from './handler-proxies.js'
import type { ConversationsProxy, Logger, StatesProxy, TablesProxy, UsersProxy } from './proxies.js'
import type { ActionableWorkflow } from './actionable.js'
import type { Conversation, Event, Message, StateRecord, User, WorkflowInstance } from './records.js'
import type { IfLoose, ImplementationTypes, NameOf } from './types.js'

// any: with loose types every name is allowed, and an index signature would read as possibly
// undefined under `noUncheckedIndexedAccess`; generated types make each proxy exact.
type Proxy<T extends ImplementationTypes, P> = IfLoose<T, any, P>

/** What every handler receives, as the runtime has always given it. */
export interface CoreHandlerProps<T extends ImplementationTypes> {
  readonly client: Client<T>
  readonly ctx: IfLoose<T, Context, HandlerContext>
  readonly logger: IfLoose<T, Logger, BotLogger>
  readonly configuration: T['configuration']
  readonly actions: Proxy<T, ActionsWithDependencies<T>>
  readonly states: Proxy<T, StatesProxy<T> & Omit<StatesByType<T>, NameOf<T['states']>>>
  readonly events: Proxy<T, EventSenders<T>>
  readonly tables: Proxy<T, TablesProxy<T>>
  readonly workflows: Proxy<T, WorkflowStarters<T>>
  readonly users: Proxy<T, UsersProxy & UserFinder>
  readonly conversations: Proxy<T, ConversationsProxy & ConversationFinder<DependencyChannelsOf<T>, T['messages']>>
  readonly interfaces: Proxy<T, { readonly [A in NameOf<T['interfaces']>]: DependencyProxy<T['interfaces'][A]> }>
  readonly integrations: Proxy<T, { readonly [A in NameOf<T['integrations']>]: DependencyProxy<T['integrations'][A]> }>
  /** This plugin's (or the bot's) own key-value store, out of reach of every other. */
  readonly kv: KeyValueStoreOf<T>
}

/** Where a handler runs, with what Botpress's context adds. */
export type HandlerContext = Context & {
  /** The bot's configuration, as JSON text (`ctx.configuration.payload`), as Botpress gives it. */
  readonly configuration: { readonly payload: string }
}

/** What handlers receive beside {@link CoreHandlerProps}: Botpress's props. */
export interface BotpressHandlerProps<T extends ImplementationTypes> {
  /** The alias the bot gave this plugin (empty for the bot's own handlers). */
  readonly alias: string
  readonly messages: MessageFinder
}

/**
 * What every handler receives. (With loose types, Botpress's props may be absent, as handlers run by a
 * runtime that predates them receive none; generated types always have them.)
 */
export type CommonHandlerProps<T extends ImplementationTypes> = CoreHandlerProps<T> &
  IfLoose<T, Partial<BotpressHandlerProps<T>>, BotpressHandlerProps<T>>

type DependencyChannelsOf<T extends ImplementationTypes> = T extends { readonly dependencyChannels: infer C extends DependencyChannels } ? C : {}

/** `'*'` or a name: which entries a handler is registered for. */
export type Selector<TName extends string> = TName | '*'

/** The payload type for a selector: one name's, or the union of all for `'*'`. */
type Selected<TRecord, K> = K extends keyof TRecord ? TRecord[K] : TRecord[keyof TRecord]
type SelectedName<TRecord, K> = K extends '*' ? NameOf<TRecord> : K & string

type PayloadField<T extends ImplementationTypes> = { [M in NameOf<T['messages']>]: keyof T['messages'][M] }[NameOf<T['messages']>]

/**
 * A payload of one type among all: its own fields typed, and the other types' fields readable as
 * possibly there (`data.payload.text` on any message, as Botpress code reads it); checking `type`
 * narrows to the one payload.
 */
// any: a field of another message type, read without first checking the message's type
export type PayloadAmongAll<T extends ImplementationTypes, M extends string> = T['messages'][M & NameOf<T['messages']>] & {
  [F in Exclude<PayloadField<T>, keyof T['messages'][M & NameOf<T['messages']>]>]?: any
}

/** A message of one type (or any type, for `'*'`), with its payload typed. */
export type MessageOf<T extends ImplementationTypes, K> = {
  [M in SelectedName<T['messages'], K>]: Message<M, K extends '*' ? PayloadAmongAll<T, M> : T['messages'][M]>
}[SelectedName<T['messages'], K>] | (K extends '*' ? LooseMessage : never)

/**
 * Any message, as Botpress's `client.Message` types one: what `'*'` also covers, so a message read
 * through the client or `messages.getById` passes where a `'*'` handler's message does.
 */
// any: Botpress types every payload field of an unknown message type as any
export type LooseMessage = Message<string, Record<string, any>>

/** Any event, as Botpress's `client.Event` types one (see {@link LooseMessage}). */
// any: as LooseMessage
export type LooseEvent = Event<string, Record<string, any>>

type EventField<T extends ImplementationTypes> = { [E in NameOf<T['events']>]: keyof T['events'][E] }[NameOf<T['events']>]

/** An event payload of one type among all, readable as {@link PayloadAmongAll} reads messages. */
// any: a field of another event type, read without first checking the event's type
export type EventPayloadAmongAll<T extends ImplementationTypes, E extends string> = T['events'][E & NameOf<T['events']>] & {
  [F in Exclude<EventField<T>, keyof T['events'][E & NameOf<T['events']>]>]?: any
}

export type EventOf<T extends ImplementationTypes, K> = {
  [E in SelectedName<T['events'], K>]: Event<E, K extends '*' ? EventPayloadAmongAll<T, E> : T['events'][E]>
}[SelectedName<T['events'], K>] | (K extends '*' ? LooseEvent : never)

export type MessageHandlerProps<T extends ImplementationTypes, K = '*'> = CommonHandlerProps<T> & {
  readonly message: MessageOf<T, K>
  readonly user: User
  readonly conversation: Conversation
}

export type EventHandlerProps<T extends ImplementationTypes, K = '*'> = CommonHandlerProps<T> & {
  readonly event: EventOf<T, K>
}

export type ActionHandlerProps<T extends ImplementationTypes, K extends NameOf<T['actions']>> = CommonHandlerProps<T> & {
  /** The action's name (typed as a plain string so one handler can serve names of a loose record). */
  readonly type: string
  readonly input: T['actions'][K]['input']
}

export type StateExpiredHandlerProps<T extends ImplementationTypes, K = '*'> = CommonHandlerProps<T> & {
  readonly state: StateRecord<SelectedName<T['states'], K>, Selected<T['states'], K> extends { payload: infer P } ? P : never>
}

type Workflow<T extends ImplementationTypes, K> = WorkflowInstance<
  SelectedName<T['workflows'], K>,
  Selected<T['workflows'], K> extends { input: infer I } ? I : never,
  Selected<T['workflows'], K> extends { output: infer O } ? O : never
>

export type WorkflowHandlerProps<T extends ImplementationTypes, K = '*'> = CommonHandlerProps<T> & {
  /** The instance, with the methods that move it on (`setCompleted`, `setFailed`, `update`, …). */
  readonly workflow: IfLoose<T, Workflow<T, K> & Partial<ActionableWorkflow>, ActionableWorkflow<
    SelectedName<T['workflows'], K>,
    Selected<T['workflows'], K> extends { input: infer I } ? I : never,
    Selected<T['workflows'], K> extends { output: infer O } ? O : never
  >>
  /**
   * The event that moved the workflow on (for `workflowContinue`), else Botpress's `workflow_update` event
   * naming what happened: its payload is `{ workflow, eventType: 'workflow_started' | 'workflow_continued' | 'workflow_timedout' }`.
   */
  readonly event: LooseEvent
}

export type Handler<P> = (props: P) => Promise<void> | void

export type ActionHandler<T extends ImplementationTypes, K extends NameOf<T['actions']>> = (
  props: ActionHandlerProps<T, K>,
) => Promise<T['actions'][K]['output']> | T['actions'][K]['output']

/** One handler per action the implementation's definition declares. */
export type ActionHandlers<T extends ImplementationTypes> = IfLoose<T, Readonly<Record<string, ActionHandler<T, NameOf<T['actions']>>>>, { readonly [K in NameOf<T['actions']>]: ActionHandler<T, K> }>
