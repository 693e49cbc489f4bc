import type { ActionTypes, ImplementationTypes, NameOf } from './types.js'
import type { Conversation, Event, StateRecord, Tags, User, WorkflowInstance } from './records.js'
import type { TableProxy } from './tables.js'

/** `actions.trackEvent(input)`: call one of this implementation's own actions. */
export type ActionsProxy<TActions extends Readonly<Record<string, ActionTypes>>> = {
  readonly [K in NameOf<TActions>]: (input: TActions[K]['input']) => Promise<TActions[K]['output']>
}

/** One state: `states.userSession.get({ id })`; the proxy adds the owner's prefix itself. */
export interface StateProxy<TName extends string, TPayload> {
  get(key: { readonly id: string }): Promise<{ state: StateRecord<TName, TPayload> }>
  /** With `ifVersion`, writes only if the state is at that version (else `STATE_VERSION_CONFLICT`). */
  set(request: { readonly id: string; readonly payload: TPayload; readonly expiry?: number; readonly ifVersion?: number }): Promise<{ state: StateRecord<TName, TPayload> }>
  getOrSet(request: { readonly id: string; readonly payload: TPayload; readonly expiry?: number }): Promise<{ state: StateRecord<TName, TPayload> }>
  patch(request: { readonly id: string; readonly payload: Partial<TPayload>; readonly ifVersion?: number }): Promise<{ state: StateRecord<TName, TPayload> }>
  delete(key: { readonly id: string; readonly ifVersion?: number }): Promise<void>
  /** `update` applied to the current payload (or `default`), again to a newer one if another writer got in first: no write is lost. */
  update(request: {
    readonly id: string
    readonly default?: TPayload
    readonly expiry?: number
    update(payload: TPayload): TPayload | Promise<TPayload>
  }): Promise<{ state: StateRecord<TName, TPayload> }>
}

export type StatesProxy<T extends ImplementationTypes> = {
  readonly [K in NameOf<T['states']>]: StateProxy<K, T['states'][K]['payload']>
}

/** `events.orderPlaced.emit(payload)`. */
export type EventsProxy<T extends ImplementationTypes> = {
  readonly [K in NameOf<T['events']>]: {
    emit(payload: T['events'][K], options?: { readonly conversationId?: string; readonly userId?: string; readonly workflowId?: string }): Promise<{ event: Event<K, T['events'][K]> }>
  }
}

export type TablesProxy<T extends ImplementationTypes> = { readonly [K in NameOf<T['tables']>]: TableProxy<T['tables'][K]> }

/** `workflows.userOnboarding.start({ input })`. */
export type WorkflowsProxy<T extends ImplementationTypes> = {
  readonly [K in NameOf<T['workflows']>]: {
    start(request: {
      readonly input: T['workflows'][K]['input']
      readonly conversationId?: string
      readonly userId?: string
      readonly timeoutMs?: number
    }): Promise<{ workflow: WorkflowInstance<K, T['workflows'][K]['input'], T['workflows'][K]['output']> }>
  }
}

/** `interfaces.llm.generateContent(input)`, routed to the integration that backs the interface. */
export type InterfacesProxy<T extends ImplementationTypes> = { readonly [A in NameOf<T['interfaces']>]: ActionsProxy<T['interfaces'][A]> }

export type IntegrationsProxy<T extends ImplementationTypes> = { readonly [A in NameOf<T['integrations']>]: ActionsProxy<T['integrations'][A]> }

export interface UsersProxy {
  get(id: string): Promise<User>
  update(id: string, changes: { readonly name?: string; readonly tags?: Tags }): Promise<User>
  list(query?: { readonly tags?: Tags; readonly limit?: number; readonly offset?: number }): Promise<User[]>
}

export interface ConversationsProxy {
  get(id: string): Promise<Conversation>
  update(id: string, changes: { readonly tags?: Tags }): Promise<Conversation>
  list(query?: { readonly tags?: Tags; readonly limit?: number; readonly offset?: number }): Promise<Conversation[]>
}

/** Writes to the bot's log, kept with the conversation or event being handled. */
export interface Logger {
  debug(...args: unknown[]): void
  info(...args: unknown[]): void
  warn(...args: unknown[]): void
  error(...args: unknown[]): void
  /** The same log, addressed to the bot's owner rather than the package's author. */
  forBot(): Logger
}
