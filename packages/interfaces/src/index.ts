/**
 * @parley/interfaces — the standard contracts between plugins and integrations: Botpress's standard
 * interfaces, field for field. Each module's default export is the interface as a package
 * (`{ type, name, version, definition }`), as Botpress code imports one; the named exports here are the
 * definitions themselves.
 *
 * @example
 * import { llm } from '@parley/interfaces'
 * new PluginDefinition({ name: 'summarizer', version: '1.0.0', interfaces: { llm } })
 */
export { llm, generateContentInput, generateContentOutput } from './llm.js'
export { hitl } from './hitl.js'
export { listable, creatable, readable, updatable, deletable } from './crud.js'
export { typingIndicator } from './typing-indicator.js'
export { proactiveUser } from './proactive-user.js'
export { proactiveConversation } from './proactive-conversation.js'
export { filesReadonly } from './files-readonly.js'
