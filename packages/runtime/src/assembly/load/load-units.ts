import {
  HANDLER_KINDS, HOOK_KINDS, type AnyPluginImplementation, type HandlerTable, type BotDefinition, type BotImplementation, type IntegrationInstance,
  type IntegrationRoute, type PluginInstance,
} from '@parley/sdk'
import { botScope } from '../../engine/scope/bot-scope.js'
import { packageScope } from '../../engine/scope/package-scope.js'
import type { CodeUnit, IntegrationUnit } from '../../engine/units.js'
import { bindHandlers } from './bind-handlers.js'
import { checkActions } from './check-actions.js'
import { proxyNames } from './proxy-names.js'
import { parsePayload } from '../../engine/payload.js'
import {
  checkBotImplementation, findIntegrationImplementation, findPluginImplementation, type ImplementationOverrides,
} from './find-implementations.js'

export interface LoadOptions extends ImplementationOverrides {
  /** The bot's own configuration, checked against its definition's schema (defaults applied). */
  readonly configuration?: Readonly<Record<string, unknown>>
  /** Secrets by integration alias; a secret not given is read from the environment variable of its name. */
  readonly secrets?: Readonly<Record<string, Readonly<Record<string, string>>>>
}

export interface LoadedUnits {
  /** Plugins in the order they were added, then the bot: the order handlers and hooks run in. */
  readonly code: readonly CodeUnit[]
  readonly integrations: ReadonlyMap<string, IntegrationUnit>
  /** Things worth a warning: handlers for actions no definition declares. */
  readonly warnings: readonly string[]
}

/** Pairs each part of the composed bot with the code that implements it, checking that nothing is missing. */
export function loadUnits(definition: BotDefinition, implementation: unknown, options: LoadOptions = {}): LoadedUnits {
  checkBotImplementation(implementation)
  const warnings: string[] = []
  const plugins = Object.values(definition.plugins).map((instance) => pluginUnit(definition, instance, findPluginImplementation(instance, implementation, options), warnings))
  const integrations = Object.values(definition.integrations).map((instance) => integrationUnit(definition, instance, options))
  return {
    code: [...plugins, botUnit(definition, implementation, botConfiguration(definition, options.configuration), warnings)],
    integrations: new Map(integrations.map((unit) => [unit.alias, unit])),
    warnings,
  }
}

function botConfiguration(definition: BotDefinition, given: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  return parsePayload(definition.configuration.schema, given ?? {}, 'the bot\'s configuration')
}

function botUnit(definition: BotDefinition, implementation: BotImplementation, configuration: Record<string, unknown>, warnings: string[]): CodeUnit {
  const scope = botScope(definition)
  const own = Object.entries(definition.actions).filter(([, action]) => action.origin.kind === 'bot').map(([name]) => name)
  warnings.push(...extraActions(scope.owner, checkActions(scope.owner, own, implementation.actions)))
  const integrations: Record<string, IntegrationRoute> = Object.fromEntries(Object.keys(definition.integrations).map((alias) => [alias, { integrationAlias: alias }]))
  const names = proxyNames(definition, { scope, tables: Object.keys(definition.tables), workflows: Object.keys(definition.workflows), interfaces: {}, integrations })
  return {
    kind: 'bot', alias: '', source: 'bot', scope, configuration,
    actions: implementation.actions, handlers: bindHandlers(implementation.handlers, scope), register: implementation.register,
    interfaces: {}, integrations, names,
  }
}

function pluginUnit(definition: BotDefinition, instance: PluginInstance, implementation: AnyPluginImplementation | undefined, warnings: string[]): CodeUnit {
  const plugin = instance.definition
  const scope = packageScope(definition, {
    kind: 'plugin', alias: instance.alias, packageName: plugin.name, interfaces: instance.interfaces, integrations: instance.integrations,
    own: { state: Object.keys(plugin.states), event: Object.keys(plugin.events), action: Object.keys(plugin.actions) },
  })
  const actions = implementation?.actions ?? {}
  warnings.push(...extraActions(scope.owner, checkActions(scope.owner, Object.keys(plugin.actions), actions)))
  const names = proxyNames(definition, {
    scope, tables: Object.keys(plugin.tables), workflows: Object.keys(plugin.workflows), interfaces: instance.interfaces, integrations: instance.integrations,
  })
  return {
    kind: 'plugin', alias: instance.alias, source: instance.alias, scope, configuration: instance.configuration,
    actions, handlers: bindHandlers(implementation?.handlers ?? emptyTable(), scope), register: implementation?.register,
    unregister: implementation?.unregister, routes: implementation?.routes ?? [], pages: implementation?.pages ?? [],
    interfaces: instance.interfaces, integrations: instance.integrations, names,
  }
}

function integrationUnit(definition: BotDefinition, instance: IntegrationInstance, options: LoadOptions): IntegrationUnit {
  const integration = instance.definition
  const scope = packageScope(definition, {
    kind: 'integration', alias: instance.alias, packageName: integration.name,
    own: { state: [], event: Object.keys(integration.events), action: Object.keys(integration.actions) },
  })
  const given = options.secrets?.[instance.alias] ?? {}
  const secrets = Object.fromEntries(Object.keys(integration.secrets).map((name) => [name, given[name] ?? process.env[name]]))
  return { kind: 'integration', alias: instance.alias, source: instance.alias, scope, instance, implementation: findIntegrationImplementation(instance, options), secrets }
}

function extraActions(owner: string, names: readonly string[]): string[] {
  return names.map((name) => `${owner} implements action "${name}", which its definition does not declare, so nothing can call it`)
}

/** A plugin without an implementation (one that only declares tables, say) registers nothing. */
function emptyTable(): HandlerTable {
  return Object.fromEntries([...HANDLER_KINDS, ...HOOK_KINDS].map((kind) => [kind, []])) as unknown as HandlerTable
}
