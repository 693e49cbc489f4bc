import type { Schema } from '../schema/zod.js'
import type { InterfaceDefinition } from '../definitions/interface-definition.js'
import type { IntegrationDefinition } from '../definitions/integration-definition.js'
import type { PluginDefinition } from '../definitions/plugin-definition.js'

/** Where a composed entity came from, so errors and the runtime can name and route to its owner. */
export type Origin =
  | { readonly kind: 'bot' }
  | { readonly kind: 'plugin' | 'integration'; readonly alias: string; readonly packageName: string }

// any: a bot holds plugins and integrations of every configuration and entity shape side by side
export type AnyIntegrationDefinition = IntegrationDefinition<any, any>
export type AnyPluginDefinition = PluginDefinition<any, any, any, any, any, any>

/** An integration as added to a bot: its alias and its validated configuration (defaults applied). */
export interface IntegrationInstance {
  readonly alias: string
  readonly definition: AnyIntegrationDefinition
  readonly configuration: Readonly<Record<string, unknown>>
  readonly implementation: unknown
}

/** How a plugin's interface dependency is backed in this bot. */
export interface InterfaceRoute {
  readonly integrationAlias: string
  readonly integrationInterfaceAlias: string
  readonly interface: InterfaceDefinition
  /** Interface action name → the bot's action name, e.g. `generateContent` → `llm:generateContent`. */
  readonly actions: Readonly<Record<string, string>>
  readonly events: Readonly<Record<string, string>>
  readonly channels: Readonly<Record<string, string>>
  /** Interface entity name → the backing integration's concrete schema. */
  readonly entities: Readonly<Record<string, Schema>>
}

/** How a plugin's direct integration dependency is backed in this bot. */
export interface IntegrationRoute {
  readonly integrationAlias: string
}

/** A plugin as added to a bot: its alias, validated configuration and resolved dependencies. */
export interface PluginInstance {
  readonly alias: string
  readonly definition: AnyPluginDefinition
  readonly configuration: Readonly<Record<string, unknown>>
  readonly implementation: unknown
  readonly interfaces: Readonly<Record<string, InterfaceRoute>>
  readonly integrations: Readonly<Record<string, IntegrationRoute>>
}

/** `the bot`, `plugin "analytics" (alias "stats")`. */
export function describeOrigin(origin: Origin): string {
  if (origin.kind === 'bot') return 'the bot'
  const alias = origin.alias === origin.packageName ? '' : ` (alias "${origin.alias}")`
  return `${origin.kind} "${origin.packageName}"${alias}`
}
