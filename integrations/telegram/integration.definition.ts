import { IntegrationDefinition, standardMessages } from '@parley/sdk'
import { configurationSchema, TOKEN_SECRET, WEBHOOK_SECRET } from './src/configuration.js'
import { TAGS } from './src/chats.js'

const { text, markdown, choice, image, file, location } = standardMessages

/** Telegram as a channel: each chat a conversation, each sender a user. */
export default new IntegrationDefinition({
  name: 'telegram',
  version: '0.1.0',
  title: 'Telegram',
  description: 'Talk with users on Telegram: updates come in through a webhook checked by its secret token; replies, buttons, images, files and locations go out through the Bot API.',
  configuration: { schema: configurationSchema },
  secrets: {
    [TOKEN_SECRET]: { description: 'The bot token @BotFather gave the bot.' },
    [WEBHOOK_SECRET]: { description: 'The secret Telegram sends with each update (1-256 of A-Z a-z 0-9 _ -); derived from the bot token when unset.', optional: true },
  },
  channels: {
    chat: {
      title: 'Telegram chat',
      description: 'A private chat, group or supergroup. A choice is shown as buttons; a pressed button comes back as a text message holding its value.',
      messages: { text, markdown, choice, image, file, location },
      conversation: {
        tags: {
          [TAGS.chatId]: { title: 'Telegram chat id' },
          [TAGS.chatType]: { title: 'Telegram chat type', description: 'private, group, supergroup or channel' },
          [TAGS.recentUpdates]: { title: 'Recent Telegram updates', description: 'Ids of the last updates handled, to skip one delivered again' },
        },
      },
      message: {
        tags: {
          [TAGS.messageId]: { title: 'Telegram message id' },
          [TAGS.callbackQueryId]: { title: 'Telegram callback query id', description: 'Set on a text message that is a button press' },
        },
      },
    },
  },
  user: {
    tags: {
      [TAGS.userId]: { title: 'Telegram user id' },
      [TAGS.username]: { title: 'Telegram username' },
    },
  },
})
