import type {
  Context, HandlerKind, PluginPage, PluginRoute, HookKind, IntegrationImplementation, IntegrationInstance, IntegrationRoute, InterfaceRoute, StateType,
} from '@parley/sdk'
import type { NameScope } from './scope/name-scope.js'
import type { Turn } from './turn.js'

// The engine calls handlers generically; each was typed by the registrar or implementation that took it.
export type AnyHandler = (props: never) => unknown

/** A handler or hook with its selector resolved to the bot's name (or `'*'`). */
export interface BoundRegistration {
  readonly match: string
  /** The selector as the code wrote it, to name the handler in errors. */
  readonly selector: string
  readonly handler: AnyHandler
}

export type BoundHandlers = Readonly<Record<HandlerKind | HookKind, readonly BoundRegistration[]>>

/** The bot or one of its plugins: code with handlers, hooks and actions, speaking its own names. */
export interface CodeUnit {
  readonly kind: 'bot' | 'plugin'
  /** The plugin's alias; empty for the bot. */
  readonly alias: string
  /** What log records name as their source: `bot`, or the plugin's alias. */
  readonly source: string
  readonly scope: NameScope
  readonly configuration: Readonly<Record<string, unknown>>
  /** Action handlers by the action's own name. */
  readonly actions: Readonly<Record<string, AnyHandler>>
  readonly handlers: BoundHandlers
  readonly register: AnyHandler | undefined
  /** Runs when the runtime stops. */
  readonly unregister?: AnyHandler | undefined
  /** HTTP routes served under `/api/plugins/<alias>/`, and dashboard pages (plugins only). */
  readonly routes?: readonly PluginRoute[]
  readonly pages?: readonly PluginPage[]
  readonly interfaces: Readonly<Record<string, InterfaceRoute>>
  /** Integrations it reaches by alias: a plugin's direct dependencies, every integration for the bot. */
  readonly integrations: Readonly<Record<string, IntegrationRoute>>
  readonly names: ProxyNames
}

/** An integration added to the bot, with the implementation that runs its actions and channels. */
export interface IntegrationUnit {
  readonly kind: 'integration'
  readonly alias: string
  readonly source: string
  readonly scope: NameScope
  readonly instance: IntegrationInstance
  readonly implementation: IntegrationImplementation | undefined
  readonly secrets: Readonly<Record<string, string | undefined>>
}

export type Unit = CodeUnit | IntegrationUnit

/** Who is calling: a unit, what it is handling, and the turn it is handled in (none from outside the bot). */
export interface Caller {
  readonly unit: Unit
  readonly ctx: Context
  readonly turn?: Turn
}

/**
 * The names a unit's proxies offer, worked out once at load: `states.userSession`, `events.orderPlaced`,
 * `interfaces.analytics.trackEvent`, … Each proxy is then a plain object built from these lists.
 */
export interface ProxyNames {
  /** Own states, each with the owner kind its `id` names. */
  readonly states: readonly { readonly name: string; readonly type: StateType }[]
  readonly events: readonly string[]
  readonly actions: readonly string[]
  readonly tables: readonly string[]
  readonly workflows: readonly string[]
  /**
   * Interface alias → its action names → the bot's name of the action that backs each. Held resolved,
   * as `alias:action` may also read as one of the plugin's own actions when its name is the alias.
   */
  readonly interfaces: Readonly<Record<string, Readonly<Record<string, string>>>>
  /** Integration alias, as this code names it → the integration's action names → the bot's names. */
  readonly integrations: Readonly<Record<string, Readonly<Record<string, string>>>>
}
