import definition from './integration.definition.js'
import implementation from './src/index.js'

/** The integration, for `bot.addIntegration(telegram, { alias: 'telegram', configuration: {} })`. */
export default { definition, implementation }

export { definition, implementation }
export type { TelegramTypes } from './src/types.js'
export { configurationSchema, TOKEN_SECRET, WEBHOOK_SECRET, webhookSecret, type Configuration, type Secrets } from './src/configuration.js'
export { TAGS, conversationIdOf, userIdOf } from './src/chats.js'
export { TelegramError, type TelegramErrorCode } from './src/errors.js'
export { SECRET_HEADER } from './src/webhook/request.js'
