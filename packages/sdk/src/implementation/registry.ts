import type { Hook, HookKind, HookSelectors } from './hooks.js'
import type { EventHandlerProps, Handler, MessageHandlerProps, Selector, StateExpiredHandlerProps, WorkflowHandlerProps } from './props.js'
import type { ImplementationTypes, NameOf } from './types.js'

export const HANDLER_KINDS = ['message', 'event', 'stateExpired', 'workflowStart', 'workflowContinue', 'workflowTimeout'] as const
export const HOOK_KINDS = [
  'beforeIncomingMessage', 'afterIncomingMessage', 'beforeIncomingEvent', 'afterIncomingEvent',
  'beforeOutgoingMessage', 'afterOutgoingMessage', 'beforeOutgoingCallAction', 'afterOutgoingCallAction',
  'beforeIncomingCallAction', 'afterIncomingCallAction',
] as const satisfies readonly HookKind[]

export type HandlerKind = (typeof HANDLER_KINDS)[number]

/** A handler or hook as registered: what it is for (`'*'` for everything) and the function. */
export interface Registration {
  readonly selector: string
  // The engine calls registrations generically; the registrar typed each one when it was added.
  readonly handler: (props: never) => unknown
}

/** Every registration of one implementation, by kind, in the order they were made. */
export type HandlerTable = Readonly<Record<HandlerKind | HookKind, readonly Registration[]>>

/**
 * `on.message('text', h)`, `on.beforeIncomingMessage('*', h)`, …: the one way handlers and hooks are
 * registered, shared by bots and plugins.
 */
export type Registrar<T extends ImplementationTypes> = {
  message<K extends Selector<NameOf<T['messages']>>>(type: K, handler: Handler<MessageHandlerProps<T, K>>): void
  event<K extends Selector<NameOf<T['events']>>>(type: K, handler: Handler<EventHandlerProps<T, K>>): void
  stateExpired<K extends Selector<NameOf<T['states']>>>(name: K, handler: Handler<StateExpiredHandlerProps<T, K>>): void
  workflowStart<K extends Selector<NameOf<T['workflows']>>>(name: K, handler: Handler<WorkflowHandlerProps<T, K>>): void
  workflowContinue<K extends Selector<NameOf<T['workflows']>>>(name: K, handler: Handler<WorkflowHandlerProps<T, K>>): void
  workflowTimeout<K extends Selector<NameOf<T['workflows']>>>(name: K, handler: Handler<WorkflowHandlerProps<T, K>>): void
} & {
  [H in HookKind]: <K extends Selector<HookSelectors<T>[H]>>(selector: K, hook: Hook<T, H, K>) => void
}

/** A fresh, empty handler table and the registrar that fills it. */
export function createRegistry<T extends ImplementationTypes>(): { table: HandlerTable; on: Registrar<T> } {
  const table = Object.fromEntries([...HANDLER_KINDS, ...HOOK_KINDS].map((kind) => [kind, [] as Registration[]])) as Record<HandlerKind | HookKind, Registration[]>
  const register = (kind: HandlerKind | HookKind) => (selector: string, handler: Registration['handler']) => {
    table[kind].push({ selector, handler })
  }
  const on = Object.fromEntries(Object.keys(table).map((kind) => [kind, register(kind as HandlerKind | HookKind)]))
  return { table, on: on as unknown as Registrar<T> }
}

/** The registrations of one kind that apply to `name`, in registration order. */
export function registrationsFor(table: HandlerTable, kind: HandlerKind | HookKind, name: string): readonly Registration[] {
  return table[kind].filter((registration) => registration.selector === '*' || registration.selector === name)
}
