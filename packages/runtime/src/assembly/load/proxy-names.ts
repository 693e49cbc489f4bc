import type { BotDefinition, IntegrationRoute, InterfaceRoute } from '@parley/sdk'
import type { NameScope } from '../../engine/scope/name-scope.js'
import type { ProxyNames } from '../../engine/units.js'

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
