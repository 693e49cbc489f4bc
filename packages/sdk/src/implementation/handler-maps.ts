import type { Client } from './client.js'
import type { DependencyInfo } from './handler-proxies.js'
import type { Hook, HookHandlerProps, HookKind, HookSelectors } from './hooks.js'
import type {
  ActionHandlers, EventHandlerProps, Handler, MessageHandlerProps, StateExpiredHandlerProps, WorkflowHandlerProps,
} from './props.js'
import type { ImplementationTypes, NameOf } from './types.js'

// Handlers and their props looked up by name, as Botpress's generated module offers them:
// `bp.EventHandlers['files-readonly:fileCreated']`, `bp.HookHandlerProps['before_incoming_message']`.

/** Hook names as Botpress spells them, beside Parley's. */
export interface SnakeHookNames {
  beforeIncomingMessage: 'before_incoming_message'
  afterIncomingMessage: 'after_incoming_message'
  beforeIncomingEvent: 'before_incoming_event'
  afterIncomingEvent: 'after_incoming_event'
  beforeOutgoingMessage: 'before_outgoing_message'
  afterOutgoingMessage: 'after_outgoing_message'
  beforeOutgoingCallAction: 'before_outgoing_call_action'
  afterOutgoingCallAction: 'after_outgoing_call_action'
  beforeIncomingCallAction: 'before_incoming_call_action'
  afterIncomingCallAction: 'after_incoming_call_action'
}

/** A hook's name in either spelling: `beforeIncomingMessage` or `before_incoming_message`. */
export type HookName = HookKind | SnakeHookNames[HookKind]

/** The Parley spelling of a hook's name. */
export type HookKindOf<H extends HookName> = H extends HookKind ? H : { [K in HookKind]: SnakeHookNames[K] extends H ? K : never }[HookKind]

type Selectors<T extends ImplementationTypes, H extends HookName> = HookSelectors<T>[HookKindOf<H>] | '*'

/** `HookHandlers['before_incoming_event']['hitl:hitlAssigned']`: the hook's handler for one selector. */
export type HookHandlersByName<T extends ImplementationTypes> = {
  readonly [H in HookName]: { readonly [K in Selectors<T, H>]: Hook<T, HookKindOf<H>, K> }
}

/** `HookHandlerProps['before_incoming_message']`: what a hook for every selector (`'*'`) receives. */
export type HookHandlerPropsByName<T extends ImplementationTypes> = { readonly [H in HookName]: HookHandlerProps<T, HookKindOf<H>, '*'> }

export type MessageHandlersByType<T extends ImplementationTypes> = { readonly [K in NameOf<T['messages']> | '*']: Handler<MessageHandlerProps<T, K>> }
export type EventHandlersByType<T extends ImplementationTypes> = { readonly [K in NameOf<T['events']> | '*']: Handler<EventHandlerProps<T, K>> }
export type StateExpiredHandlersByName<T extends ImplementationTypes> = { readonly [K in NameOf<T['states']> | '*']: Handler<StateExpiredHandlerProps<T, K>> }
export type WorkflowHandlersByName<T extends ImplementationTypes> = { readonly [K in NameOf<T['workflows']> | '*']: Handler<WorkflowHandlerProps<T, K>> }
export type WorkflowHandlerPropsByName<T extends ImplementationTypes> = { readonly [K in NameOf<T['workflows']> | '*']: WorkflowHandlerProps<T, K> }

/** Every handler an implementation may have, by kind, as Botpress's `PluginHandlers` lists them. */
export interface HandlersOf<T extends ImplementationTypes> {
  readonly actionHandlers: ActionHandlers<T>
  readonly messageHandlers: { readonly [K in keyof MessageHandlersByType<T>]?: readonly MessageHandlersByType<T>[K][] }
  readonly eventHandlers: { readonly [K in keyof EventHandlersByType<T>]?: readonly EventHandlersByType<T>[K][] }
  readonly stateExpiredHandlers: { readonly [K in keyof StateExpiredHandlersByName<T>]?: readonly StateExpiredHandlersByName<T>[K][] }
  readonly workflowHandlers: { readonly [K in keyof WorkflowHandlersByName<T>]?: readonly WorkflowHandlersByName<T>[K][] }
  readonly hookHandlers: { readonly [H in HookKind]: { readonly [K in Selectors<T, H>]?: readonly Hook<T, H, K>[] } }
}

/** The client's operations, their requests and their results: `ClientOutputs['getConversation']['conversation']`. */
// any: matching every method's shape, whatever its parameters
export type ClientOperation<T extends ImplementationTypes> = { [K in keyof Client<T>]: Client<T>[K] extends (...args: any[]) => Promise<unknown> ? K : never }[keyof Client<T>]
// any: as above
export type ClientInputs<T extends ImplementationTypes> = { [K in ClientOperation<T>]: Client<T>[K] extends (request: infer R, ...rest: any[]) => unknown ? R : never }
// any: as above
export type ClientOutputs<T extends ImplementationTypes> = { [K in ClientOperation<T>]: Client<T>[K] extends (...args: any[]) => Promise<infer O> ? O : never }

/** What a plugin's runtime knows of it in a bot: its alias, configuration and how its dependencies are backed. */
export interface PluginRuntimeProps<T extends ImplementationTypes> {
  readonly alias: string
  readonly configuration: T['configuration']
  /** What backs each interface, as handlers' `interfaces.<alias>` also tell: `interfaces.llm.actions.generateContent.name`. */
  readonly interfaces: { readonly [A in NameOf<T['interfaces']>]: DependencyInfo<Extract<keyof T['interfaces'][A], string>> }
  readonly integrations: Readonly<Record<NameOf<T['integrations']>, { readonly integrationAlias: string }>>
}
