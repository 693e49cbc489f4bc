import { CompositionError } from '../errors/composition-error.js'
import { prefixed } from '../schema/names.js'
import { mapValues } from '../util/records.js'
import type { InterfaceDefinition } from '../definitions/interface-definition.js'
import type { IntegrationDefinition } from '../definitions/integration-definition.js'
import { acceptedVersions, definitionOf, type PackageRef } from '../definitions/package-ref.js'
import { satisfies } from '../versions/ranges.js'
import type { AnyPluginDefinition, IntegrationInstance, IntegrationRoute, InterfaceRoute } from './instances.js'

/** Which integration of the bot backs one of a plugin's interface dependencies. */
export interface InterfaceDependency {
  readonly integrationAlias: string
  /** The alias the integration implements the interface under; the interface's name by default. */
  readonly integrationInterfaceAlias?: string
}

/** Which integration of the bot a plugin's direct integration dependency is. */
export interface IntegrationDependency {
  readonly integrationAlias: string
}

export type DependencyMap = Readonly<Record<string, InterfaceDependency | IntegrationDependency | undefined>>

/** Resolves every dependency a plugin declares against the integrations already added to the bot. */
export function resolveDependencies(
  owner: string,
  plugin: AnyPluginDefinition,
  given: DependencyMap | undefined,
  integrations: ReadonlyMap<string, IntegrationInstance>,
): { interfaces: Record<string, InterfaceRoute>; integrations: Record<string, IntegrationRoute> } {
  const find = (dependency: string) => backingIntegration(owner, dependency, given?.[dependency], integrations)
  return {
    interfaces: mapValues(plugin.interfaces as Record<string, PackageRef<InterfaceDefinition>>, (ref, alias) =>
      interfaceRoute(owner, alias, { definition: definitionOf(ref), accepted: acceptedVersions(ref) }, find(alias), given?.[alias] as InterfaceDependency),
    ),
    integrations: mapValues(plugin.integrations as Record<string, PackageRef<IntegrationDefinition>>, (ref, alias) =>
      integrationRoute(owner, alias, { definition: definitionOf(ref), accepted: acceptedVersions(ref) }, find(alias)),
    ),
  }
}

function backingIntegration(owner: string, dependency: string, given: { integrationAlias: string } | undefined, integrations: ReadonlyMap<string, IntegrationInstance>): IntegrationInstance {
  if (!given) {
    throw new CompositionError('DEPENDENCY_MISSING', `${owner} needs dependency "${dependency}"; pass dependencies: { ${dependency}: { integrationAlias: '…' } } naming an integration added to the bot`)
  }
  const instance = integrations.get(given.integrationAlias)
  if (instance) return instance
  const known = [...integrations.keys()]
  throw new CompositionError(
    'DEPENDENCY_UNKNOWN_ALIAS',
    `${owner}: dependencies.${dependency}.integrationAlias "${given.integrationAlias}" is not an integration of this bot (${known.length ? `added: ${known.join(', ')}` : 'none added yet'}); call bot.addIntegration(…) before bot.addPlugin(…)`,
  )
}

/** A dependency as the plugin declares it: the definition it was written against, and the versions it accepts. */
interface Wanted<T> {
  readonly definition: T
  readonly accepted: string
}

function interfaceRoute(owner: string, alias: string, wanted: Wanted<InterfaceDefinition>, instance: IntegrationInstance, given: InterfaceDependency): InterfaceRoute {
  const iface = wanted.definition
  const interfaceAlias = given.integrationInterfaceAlias ?? iface.name
  const implemented = instance.definition.interfaces[interfaceAlias]
  if (!implemented || implemented.definition.name !== iface.name) {
    const offered = Object.entries(instance.definition.interfaces).map(([a, i]) => `${a} (${i.definition.name})`)
    throw new CompositionError(
      'DEPENDENCY_WRONG_INTERFACE',
      `${owner}: dependencies.${alias} needs interface "${iface.name}", but integration "${instance.alias}" implements ${implemented ? `"${implemented.definition.name}"` : 'nothing'} under "${interfaceAlias}" (it implements: ${offered.join(', ') || 'no interface'})`,
    )
  }
  const implementedVersion = implemented.definition.version
  if (!satisfies(implementedVersion, wanted.accepted)) {
    throw new CompositionError(
      'DEPENDENCY_VERSION_MISMATCH',
      `${owner}: dependencies.${alias} needs interface "${iface.name}" ${wanted.accepted}, but integration "${instance.definition.name}" (alias "${instance.alias}") implements "${iface.name}" ${implementedVersion}; add an integration that implements a version in that range, or widen the plugin's range (version.allWithinMajorOf)`,
    )
  }
  const bot = (names: Readonly<Record<string, string>>) => mapValues(names, (name) => prefixed(instance.alias, name))
  return {
    integrationAlias: instance.alias,
    integrationInterfaceAlias: interfaceAlias,
    interface: iface,
    actions: bot(implemented.actions),
    events: bot(implemented.events),
    channels: bot(implemented.channels),
    entities: mapValues(implemented.entities, (entity) => instance.definition.entities[entity]!.schema),
  }
}

function integrationRoute(owner: string, alias: string, wanted: Wanted<IntegrationDefinition>, instance: IntegrationInstance): IntegrationRoute {
  const expected = wanted.definition
  if (instance.definition.name === expected.name) {
    if (satisfies(instance.definition.version, wanted.accepted)) return { integrationAlias: instance.alias }
    throw new CompositionError(
      'DEPENDENCY_VERSION_MISMATCH',
      `${owner}: dependencies.${alias} needs integration "${expected.name}" ${wanted.accepted}, but alias "${instance.alias}" is "${expected.name}" ${instance.definition.version}; add a version in that range, or widen the plugin's range (version.allWithinMajorOf)`,
    )
  }
  throw new CompositionError(
    'DEPENDENCY_WRONG_INTEGRATION',
    `${owner}: dependencies.${alias} needs integration "${expected.name}", but alias "${instance.alias}" is integration "${instance.definition.name}"`,
  )
}
