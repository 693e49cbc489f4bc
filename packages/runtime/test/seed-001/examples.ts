// Seed 001's examples, one file each under `examples/`, copied from the seed as written: only the import of
// `createPlugin` (and of what the analytics example leaves to the reader) comes before, and an export after.

export { default as dataPlugin } from './examples/data-plugin.js'
export { default as analyticsPlugin } from './examples/analytics-plugin.js'
export { default as cleanupPlugin } from './examples/cleanup-plugin.js'
export { pluginA, pluginB } from './examples/data-source-and-consumer.js'
export { default as githubPlugin } from './examples/github-integration.js'
export { default as adminPlugin } from './examples/admin-extension.js'
export { tracked } from './examples/analytics-helpers.js'
