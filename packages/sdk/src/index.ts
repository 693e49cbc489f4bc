/**
 * @parley/sdk — define bots, plugins, integrations and interfaces with zod schemas, and compose them.
 */
export * from './schema/index.js'
export * from './errors/index.js'
export * from './definitions/index.js'
export * from './composition/index.js'
export * from './schedule/index.js'
export * from './implementation/index.js'
export * from './create-plugin/index.js'
export * from './messages/index.js'
export * from './versions/index.js'
export * from './cognitive/index.js'
export * from './apps/index.js'
export * from './manifest/index.js'
