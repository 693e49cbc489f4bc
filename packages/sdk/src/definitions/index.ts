export * from './entities.js'
export { InterfaceDefinition, type InterfaceDefinitionProps, type ResolvedInterface, type OwnEntitySchemas } from './interface-definition.js'
export {
  IntegrationDefinition, type IntegrationDefinitionProps, type EntityReference, type ImplementedInterface,
  type InterfaceImplementationSpec,
} from './integration-definition.js'
export {
  PluginDefinition, type PluginDefinitionProps, type InterfaceEntities, type DereferenceOptions, type ResolvedAction,
  type ResolvedEvent, type KeyValueDefinition
} from './plugin-definition.js'
export { BotDefinition, type BotDefinitionProps, type AddPluginOptions, type AddIntegrationOptions } from './bot-definition.js'
export {
  definitionOf, implementationOf, toPackage, acceptedVersions, type PackageRef, type PackageOf, type DefinitionOf, type DefinitionPackage,
} from './package-ref.js'
