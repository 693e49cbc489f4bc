import type {
  AnyPluginImplementation, BotImplementation, IntegrationImplementation, IntegrationInstance, PluginInstance,
} from '@parley/sdk'
import { describeOrigin } from '@parley/sdk'
import { RuntimeError } from '../../engine/errors.js'

/** Implementations given to the runtime directly, by alias; they win over those the packages carry. */
export interface ImplementationOverrides {
  readonly plugins?: Readonly<Record<string, AnyPluginImplementation>>
  readonly integrations?: Readonly<Record<string, IntegrationImplementation>>
}

/**
 * A plugin's implementation: given to the runtime, carried by the package passed to `addPlugin`, or listed
 * in the bot implementation's `plugins`. Undefined when there is none anywhere.
 */
export function findPluginImplementation(instance: PluginInstance, bot: BotImplementation, overrides: ImplementationOverrides): AnyPluginImplementation | undefined {
  const found = overrides.plugins?.[instance.alias] ?? instance.implementation ?? bot.plugins[instance.alias]
  if (found === undefined) return undefined
  const owner = describeOrigin({ kind: 'plugin', alias: instance.alias, packageName: instance.definition.name })
  if (!isKind(found, 'pluginImplementation')) {
    throw new RuntimeError('IMPLEMENTATION_INVALID', `${owner}: its implementation is not a PluginImplementation; export \`new PluginImplementation({ … })\` (or \`new Plugin(…)\`) beside the definition`)
  }
  const declared = (found as AnyPluginImplementation).definition?.name
  if (declared !== undefined && declared !== instance.definition.name) {
    throw new RuntimeError('IMPLEMENTATION_INVALID', `${owner}: the implementation given is for plugin "${declared}"; pass the implementation that belongs to "${instance.definition.name}"`)
  }
  return found as AnyPluginImplementation
}

export function findIntegrationImplementation(instance: IntegrationInstance, overrides: ImplementationOverrides): IntegrationImplementation | undefined {
  const found = overrides.integrations?.[instance.alias] ?? instance.implementation
  if (found === undefined) return undefined
  if (isKind(found, 'integrationImplementation')) return found as IntegrationImplementation
  const owner = describeOrigin({ kind: 'integration', alias: instance.alias, packageName: instance.definition.name })
  throw new RuntimeError('IMPLEMENTATION_INVALID', `${owner}: its implementation is not an IntegrationImplementation; export \`new IntegrationImplementation({ … })\` beside the definition`)
}

export function checkBotImplementation(implementation: unknown): asserts implementation is BotImplementation {
  if (isKind(implementation, 'botImplementation')) return
  throw new RuntimeError('IMPLEMENTATION_INVALID', 'the bot implementation is not a BotImplementation; pass `new BotImplementation({ actions: {} })` (or `new Bot(…)`) as `implementation`')
}

function isKind(value: unknown, kind: string): boolean {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind
}
