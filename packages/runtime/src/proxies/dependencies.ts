import type { DependencyInfo, IntegrationRoute, InterfaceRoute } from '@parley/sdk'
import type { Engine } from '../engine/engine.js'
import type { CodeUnit } from '../engine/units.js'
import type { CallByBotName } from './named-proxies.js'

// What each dependency of a unit is in this bot, computed from its routes: the proxies below read it
// (`interfaces.hitl.integrationAlias`) and so do conversation finders (`conversations.hitl.hitl`).

type Names = Readonly<Record<string, string>>

/** Each interface and integration dependency by the unit's alias for it. */
export function dependencyInfo(engine: Engine, unit: CodeUnit): Record<string, DependencyInfo> {
  const interfaces = Object.entries(unit.interfaces).map(([alias, route]) => [alias, interfaceInfo(engine, route)] as const)
  const integrations = Object.entries(unit.integrations).map(([alias, route]) => [alias, integrationInfo(engine, route)] as const)
  return Object.fromEntries([...integrations, ...interfaces])
}

function interfaceInfo(engine: Engine, route: InterfaceRoute): DependencyInfo {
  const { definition } = engine.definition.integrations[route.integrationAlias]!
  const named = (names: Names) => Object.fromEntries(Object.entries(names).map(([local, bot]) => [local, { name: bot.slice(route.integrationAlias.length + 1) }]))
  return {
    integrationAlias: route.integrationAlias, integrationInterfaceAlias: route.integrationInterfaceAlias, name: definition.name, version: definition.version,
    actions: named(route.actions), events: named(route.events), channels: named(route.channels),
  }
}

function integrationInfo(engine: Engine, route: IntegrationRoute): DependencyInfo {
  const { definition } = engine.definition.integrations[route.integrationAlias]!
  const same = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, { name }]))
  return {
    integrationAlias: route.integrationAlias, name: definition.name, version: definition.version,
    actions: same(Object.keys(definition.actions)), events: same(Object.keys(definition.events)), channels: same(Object.keys(definition.channels)),
  }
}

/** Channels each dependency carries, by the unit's alias, then channel, then the bot's name of it. */
export function dependencyChannels(info: Readonly<Record<string, DependencyInfo>>): Record<string, Names> {
  return Object.fromEntries(Object.entries(info).map(([alias, dependency]) => [
    alias, Object.fromEntries(Object.entries(dependency.channels).map(([channel, { name }]) => [channel, `${dependency.integrationAlias}:${name}`])),
  ]))
}

/** A dependency's actions, callable, beside what it is: `interfaces.llm.generateContent(input)`, `interfaces.llm.integrationAlias`. */
export function dependencyProxies(call: CallByBotName, actions: Readonly<Record<string, Names>>, info: Readonly<Record<string, DependencyInfo>>) {
  return Object.fromEntries(Object.entries(actions).map(([alias, names]) => [alias, {
    ...Object.fromEntries(Object.entries(names).map(([name, botName]) => [name, (input: Record<string, unknown>) => call(botName, input)])),
    ...info[alias],
  }]))
}
