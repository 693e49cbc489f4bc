/**
 * @parley/interfaces — the standard contracts between plugins and integrations.
 *
 * @example
 * import { llm } from '@parley/interfaces'
 * new PluginDefinition({ name: 'summarizer', version: '1.0.0', interfaces: { llm } })
 */
export { llm } from './llm.js'
export { hitl } from './hitl.js'
export { listable, creatable, readable, updatable, deletable } from './crud.js'
export { typingIndicator } from './typing-indicator.js'
