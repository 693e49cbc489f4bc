import type { BotDefinition, IntegrationRoute, InterfaceRoute, StateType } from '@parley/sdk'
import type { NameScope } from '../../scope/name-scope.js'

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

export interface ProxyNamesInput {
  readonly scope: NameScope
  readonly tables: readonly string[]
  readonly workflows: readonly string[]
  readonly interfaces: Readonly<Record<string, InterfaceRoute>>
  readonly integrations: Readonly<Record<string, IntegrationRoute>>
}

export function proxyNames(definition: BotDefinition, input: ProxyNamesInput): ProxyNames {
  const { scope } = input
  return {
    states: scope.own.state.map((name) => ({ name, type: definition.states[scope.resolve('state', name)]!.type })),
    events: scope.own.event,
    actions: scope.own.action,
    tables: input.tables,
    workflows: input.workflows,
    interfaces: Object.fromEntries(Object.entries(input.interfaces).map(([alias, route]) => [alias, route.actions])),
    integrations: Object.fromEntries(Object.entries(input.integrations).map(([alias, route]) => [alias, integrationActions(definition, route.integrationAlias)])),
  }
}

function integrationActions(definition: BotDefinition, integrationAlias: string): Record<string, string> {
  const owned = Object.entries(definition.actions).filter(([, action]) => action.origin.kind === 'integration' && action.origin.alias === integrationAlias)
  return Object.fromEntries(owned.map(([name, action]) => [action.localName, name]))
}
