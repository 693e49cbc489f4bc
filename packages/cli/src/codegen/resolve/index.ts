import type { AnyIntegrationDefinition, AnyPluginDefinition, BotDefinition, InterfaceDefinition } from '@parley/sdk'
import type { LoadedDefinition } from '../load/import-definition.js'
import { resolveBot } from './bot.js'
import { resolveIntegration } from './integration.js'
import { resolveInterface } from './interface.js'
import type { TypeModel } from './model.js'
import { resolvePlugin } from './plugin.js'

/**
 * The type model of a loaded definition, from the perspective of the code implementing it. (Loading
 * checked the definition's `kind`; the object is from the project's copy of the sdk, so its class is
 * told by that field rather than by `instanceof`.)
 */
export function resolveTypeModel(definition: LoadedDefinition): TypeModel {
  switch (definition.kind) {
    case 'bot': return resolveBot(definition.value as unknown as BotDefinition)
    case 'plugin': return resolvePlugin(definition.value as unknown as AnyPluginDefinition)
    case 'integration': return resolveIntegration(definition.value as unknown as AnyIntegrationDefinition)
    case 'interface': return resolveInterface(definition.value as unknown as InterfaceDefinition)
  }
}

export type { TypeModel } from './model.js'
