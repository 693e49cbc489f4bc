export { standardMessages, type StandardMessageType } from './standard-messages.js'
/** Botpress's message schemas: `messages.defaults.text.schema`, `messages.markdown.schema`. */
export * as messages from './standard-messages.js'
