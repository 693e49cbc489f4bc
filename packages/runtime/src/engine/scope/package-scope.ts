import {
  describeOrigin, prefixed, splitPrefixed, type IntegrationRoute, type InterfaceRoute, type Origin,
} from '@parley/sdk'
import { ownValue } from '../../guards/index.js'
import { RuntimeError } from '../errors.js'
import { unknown } from './bot-scope.js'
import { cognitiveAction } from './cognitive-route.js'
import { COMPOSED_KEY, type Composed, type NameScope, type ScopedKind } from './name-scope.js'
import { flatName, quoteList } from './shared-names.js'

/** A plugin or integration as its scope sees it: its names, and how its dependencies are backed. */
export interface PackageScopeInput {
  readonly kind: 'plugin' | 'integration'
  readonly alias: string
  readonly packageName: string
  /** Its own entity names, unprefixed. */
  readonly own: Readonly<Record<ScopedKind, readonly string[]>>
  readonly interfaces?: Readonly<Record<string, InterfaceRoute>>
  readonly integrations?: Readonly<Record<string, IntegrationRoute>>
}

type RoutedKind = Exclude<ScopedKind, 'state'>

/**
 * A package writes its own names bare or after its package name or alias (`userSession`,
 * `analytics:userSession`), an interface's as `ifaceAlias:action`, a direct integration's as
 * `depAlias:action`. Anything else of the bot is out of its reach.
 */
export function packageScope(composed: Composed, unit: PackageScopeInput): NameScope {
  const origin: Origin = { kind: unit.kind, alias: unit.alias, packageName: unit.packageName }
  const owner = describeOrigin(origin)
  const routes = { event: routeTable(composed, unit, 'event'), action: routeTable(composed, unit, 'action') }
  const locals = { state: new Map<string, string>(), event: invert(routes.event), action: invert(routes.action) }
  const resolve = (kind: ScopedKind, name: string): string =>
    ownName(unit, kind, name) ?? (kind === 'state' ? undefined : routes[kind].get(name)) ?? (kind === 'action' ? cognitiveAction(composed, name) : undefined) ?? refuse(composed, unit, owner, kind, name, routes)
  return {
    owner,
    resolve,
    table: (name) => flatName(composed, 'table', name, owner),
    workflow: (name) => flatName(composed, 'workflow', name, owner),
    local: (kind, botName) => ownLocal(composed, unit, kind, botName) ?? locals[kind].get(botName) ?? botName,
    reachable: (kind) => [...new Set([...unit.own[kind].map((name) => prefixed(unit.alias, name)), ...(kind === 'state' ? [] : routes[kind].values())])],
    own: unit.own,
  }
}

function ownName(unit: PackageScopeInput, kind: ScopedKind, name: string): string | undefined {
  const { alias, name: rest } = splitPrefixed(name)
  const local = alias === undefined ? name : alias === unit.alias || alias === unit.packageName ? rest : undefined
  return local !== undefined && unit.own[kind].includes(local) ? prefixed(unit.alias, local) : undefined
}

/**
 * Own states and actions read bare. Own event types read after the package name (`analytics:thresholdExceeded`)
 * so that code comparing `event.type` is right whatever alias the bot gave the package, and an own event
 * is told apart from an interface's event of the same name.
 */
function ownLocal(composed: Composed, unit: PackageScopeInput, kind: ScopedKind, botName: string): string | undefined {
  const entity = ownValue(composed[COMPOSED_KEY[kind]], botName)
  if (!entity || entity.origin.kind !== unit.kind || entity.origin.alias !== unit.alias) return undefined
  return kind === 'event' ? prefixed(unit.packageName, entity.localName) : entity.localName
}

/** `ifaceAlias:name`, `depAlias:name` and `integrationAlias:name` → the bot's name, for every entity the dependencies offer. */
function routeTable(composed: Composed, unit: PackageScopeInput, kind: RoutedKind): Map<string, string> {
  const table = new Map<string, string>()
  for (const [ifaceAlias, route] of Object.entries(unit.interfaces ?? {})) {
    const names = kind === 'event' ? route.events : route.actions
    for (const [name, botName] of Object.entries(names)) table.set(prefixed(ifaceAlias, name), botName)
  }
  // What backs an interface is also reached by the bot's name for it (`${interfaces.hitl.integrationAlias}:startHitl`,
  // as Botpress plugins call it); set after the interface's names, so those stay the local ones.
  for (const route of Object.values(unit.interfaces ?? {})) {
    for (const botName of Object.values(kind === 'event' ? route.events : route.actions)) if (!table.has(botName)) table.set(botName, botName)
  }
  for (const [depAlias, route] of Object.entries(unit.integrations ?? {})) {
    for (const [botName, entity] of Object.entries(composed[COMPOSED_KEY[kind]])) {
      if (entity.origin.kind === 'integration' && entity.origin.alias === route.integrationAlias) table.set(prefixed(depAlias, entity.localName), botName)
    }
  }
  return table
}

/** The first local name wins, so an entity reached through an interface reads as the interface names it. */
function invert(table: ReadonlyMap<string, string>): Map<string, string> {
  const inverted = new Map<string, string>()
  for (const [local, botName] of table) if (!inverted.has(botName)) inverted.set(botName, local)
  return inverted
}

function refuse(composed: Composed, unit: PackageScopeInput, owner: string, kind: ScopedKind, name: string, routes: Record<RoutedKind, Map<string, string>>): never {
  const entity = ownValue(composed[COMPOSED_KEY[kind]], name)
  if (entity) {
    throw new RuntimeError('OUT_OF_SCOPE', `${owner} cannot use ${kind} "${name}" of ${describeOrigin(entity.origin)}; a ${unit.kind} reaches only its own ${kind}s (${quoteList(unit.own[kind]) || 'none'})${kind === 'state' ? '' : ' and those of its dependencies'}`)
  }
  const reachable = [...unit.own[kind], ...(kind === 'state' ? [] : routes[kind].keys())]
  throw unknown(owner, kind, name, reachable)
}
