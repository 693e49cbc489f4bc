import type { StateType } from '../definitions/entities.js'
import type {
  ActionableConversation, ActionableMessage, ActionableUser, ActionableWorkflow, AnyWorkflowStatus, MessageToSend, TagsOf,
} from './actionable.js'
import type { EventSchedule, EventStatus } from './client.js'
import type { AsyncCollection } from './collections.js'
import type { ActionsProxy } from './proxies.js'
import type { Event, Message } from './records.js'
import type { ActionTypes, ImplementationTypes, NameOf } from './types.js'

// The proxies handler props give as Botpress gives them, beside Parley's own (see proxies.ts). The
// runtime builds each over the handler's client; `T` is the generated `Types`.

type States<T extends ImplementationTypes> = T['states']
/** The package's own state names (a plugin's also appear as `plugin:name`). */
type OwnStateName<T extends ImplementationTypes> = Exclude<NameOf<States<T>>, `${string}:${string}`>
type StatesOfType<T extends ImplementationTypes, S extends StateType> = { [K in OwnStateName<T>]: States<T>[K]['type'] extends S ? K : never }[OwnStateName<T>]

/** One state by its owner's id: `states.conversation.hitl.get(conversationId)`. */
export interface StateRepo<TPayload> {
  get(id: string): Promise<TPayload>
  set(id: string, payload: TPayload): Promise<void>
  getOrSet(id: string, payload: TPayload): Promise<TPayload>
  patch(id: string, payload: Partial<TPayload>): Promise<void>
  delete(id: string): Promise<void>
}

/** States grouped by who owns them: `states.user.<name>`, `states.conversation.<name>`, … */
export type StatesByType<T extends ImplementationTypes> = {
  readonly [S in StateType]: { readonly [K in StatesOfType<T, S>]: StateRepo<States<T>[K]['payload']> }
}

/** Emits one event type; `with…()` sets what the event is about. */
export interface EventSender<TName extends string, TPayload> {
  emit(payload: TPayload, options?: { readonly conversationId?: string; readonly userId?: string; readonly messageId?: string; readonly workflowId?: string }): Promise<{ event: Event<TName, TPayload> }>
  /** Botpress's name for {@link emit}. */
  send(payload: TPayload): Promise<void>
  /** Emits it later: after `delay` milliseconds, or at `dateTime`. */
  schedule(payload: TPayload, schedule: EventSchedule): Promise<void>
  /** This event type's events, oldest first, paged: `list({ status: 'scheduled' }).take(1)`. */
  list(request?: { readonly status?: EventStatus; readonly conversationId?: string }): AsyncCollection<Event<TName, TPayload>>
  withConversationId(conversationId: string): EventSender<TName, TPayload>
  withUserId(userId: string): EventSender<TName, TPayload>
  withMessageId(messageId: string): EventSender<TName, TPayload>
}

export type EventSenders<T extends ImplementationTypes> = { readonly [K in NameOf<T['events']>]: EventSender<K, T['events'][K]> }

type WorkflowOf<T extends ImplementationTypes, K extends NameOf<T['workflows']>> =
  ActionableWorkflow<K, T['workflows'][K]['input'], T['workflows'][K]['output']>

/** Lists instances of one workflow: call it, or pick a status (`listInstances.running()`). */
export type WorkflowInstanceLister<TWorkflow> = ((request?: {
  readonly statuses?: readonly AnyWorkflowStatus[]
  readonly conversationId?: string
  readonly userId?: string
  readonly tags?: TagsOf<string>
}) => AsyncCollection<TWorkflow>) & {
  readonly [S in 'all' | 'running' | 'scheduled' | 'allFinished' | 'succeeded' | 'cancelled' | 'timedOut' | 'failed']: (request?: {
    readonly conversationId?: string
    readonly userId?: string
    readonly tags?: TagsOf<string>
    readonly nextToken?: string
  }) => Promise<{ workflows: TWorkflow[]; meta: { readonly nextToken?: string } }>
}

/** One workflow: Parley's `start`, and Botpress's instance methods. */
export interface WorkflowStarter<TName extends string, TInput, TOutput> {
  start(request: { readonly input: TInput; readonly conversationId?: string; readonly userId?: string; readonly timeoutMs?: number }): Promise<{ workflow: ActionableWorkflow<TName, TInput, TOutput> }>
  startNewInstance(request: { readonly input: TInput; readonly conversationId?: string; readonly userId?: string; readonly timeoutAt?: string; readonly tags?: TagsOf<string> }): Promise<{ workflow: ActionableWorkflow<TName, TInput, TOutput> }>
  /** The running instance with these tags (and conversation/user), or a new one. */
  getOrCreateInstance(request: { readonly input: TInput; readonly conversationId?: string; readonly userId?: string; readonly timeoutAt?: string; readonly tags?: TagsOf<string> }): Promise<{ workflow: ActionableWorkflow<TName, TInput, TOutput>; created: boolean }>
  listInstances: WorkflowInstanceLister<ActionableWorkflow<TName, TInput, TOutput>>
}

export type WorkflowStarters<T extends ImplementationTypes> = {
  readonly [K in NameOf<T['workflows']>]: WorkflowStarter<K, T['workflows'][K]['input'], T['workflows'][K]['output']>
}

/** Users as Botpress reaches them: `users.getById({ id })`, `users.list({ tags })`. */
export interface UserFinder {
  getById(request: { readonly id: string }): Promise<ActionableUser>
  list(request?: { readonly conversationId?: string; readonly tags?: TagsOf<string> }): AsyncCollection<ActionableUser>
}

/** Conversations on one channel (or any, `'*'`). */
export interface ChannelConversations<TMessages extends Readonly<Record<string, object>>> {
  getById(request: { readonly id: string }): Promise<ActionableConversation<TMessages>>
  list(request?: { readonly tags?: TagsOf<string> }): AsyncCollection<ActionableConversation<TMessages>>
  /** Opens a conversation on the channel (the integration's `getOrCreateConversation`, where it has one). */
  create(request: { readonly tags?: TagsOf<string> }): Promise<ActionableConversation<TMessages>>
}

/** Channels of each dependency, and their message types: interface or integration alias → channel → type → payload. */
export type DependencyChannels = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, object>>>>>>

/** `conversations['*']['*']`, `conversations.hitl.hitl`, … */
export type ConversationFinder<TChannels extends DependencyChannels, TMessages extends Readonly<Record<string, object>>> = {
  readonly [A in Extract<keyof TChannels, string>]: { readonly [C in Extract<keyof TChannels[A], string> | '*']: ChannelConversations<C extends keyof TChannels[A] ? TChannels[A][C] : TMessages> }
} & { readonly '*': { readonly '*': ChannelConversations<TMessages> } } & {
  getById(request: { readonly id: string }): Promise<ActionableConversation<TMessages>>
}

/** `messages.getById({ id })`, `messages.list({ conversationId })`. */
export interface MessageFinder {
  getById(request: { readonly id: string }): Promise<ActionableMessage>
  list(request?: { readonly conversationId?: string; readonly tags?: TagsOf<string> }): AsyncCollection<ActionableMessage>
}

/** What each dependency is in this bot, beside its actions: `interfaces.hitl.integrationAlias`. */
export interface DependencyInfo<TActionNames extends string = string> {
  /** The bot's alias of the integration backing it. */
  readonly integrationAlias: string
  /** The alias the integration implements the interface under. */
  readonly integrationInterfaceAlias?: string
  /** The backing integration's name. */
  readonly name: string
  readonly version: string
  /** Each interface action, event and channel, and the integration's name for it. */
  readonly actions: Readonly<Record<TActionNames, { readonly name: string }>>
  readonly events: Readonly<Record<string, { readonly name: string }>>
  readonly channels: Readonly<Record<string, { readonly name: string }>>
}

type DependencyNames = 'integrationAlias' | 'integrationInterfaceAlias' | 'name' | 'version' | 'actions' | 'events' | 'channels'

/** A dependency: its actions, callable (`interfaces.llm.generateContent(input)`), and what backs it. */
export type DependencyProxy<TActions extends Readonly<Record<string, ActionTypes>>> = Omit<ActionsProxy<TActions>, DependencyNames> & DependencyInfo<Extract<keyof TActions, string>>

/** `actions.<own>(input)`, and a dependency's as `actions.<alias>.<action>(input)`. */
export type ActionsWithDependencies<T extends ImplementationTypes> = ActionsProxy<Pick<T['callableActions'], NameOf<T['actions']> & keyof T['callableActions']>> & {
  readonly [A in Exclude<NameOf<T['interfaces']> | NameOf<T['integrations']>, NameOf<T['actions']>>]: ActionsProxy<
    A extends NameOf<T['interfaces']> ? T['interfaces'][A] : T['integrations'][A & NameOf<T['integrations']>]
  >
}

export type { MessageToSend, Message }
