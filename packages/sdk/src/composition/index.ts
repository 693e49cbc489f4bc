export type * from './composed-entities.js'
export {
  describeOrigin, type Origin, type IntegrationInstance, type PluginInstance, type InterfaceRoute, type IntegrationRoute,
  type AnyIntegrationDefinition, type AnyPluginDefinition,
} from './instances.js'
export type { InterfaceDependency, IntegrationDependency } from './dependencies.js'
