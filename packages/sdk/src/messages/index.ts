export { standardMessages, type StandardMessageType } from './standard-messages.js'
