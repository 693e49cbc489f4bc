import type { Conversation } from '@parley/sdk'
import { TelegramError } from './errors.js'

/**
 * How Telegram's chats and people map to Parley's records. A chat is a conversation and a sender a
 * user, each under an id derived from Telegram's (`<alias>:chat:<chat id>`, `<alias>:user:<user id>`),
 * so the same chat always finds the same conversation, atomically, however many updates arrive at once.
 * The alias is part of the id because two Telegram bots added to one Parley bot see the same chat ids.
 * Telegram's ids are also kept as tags, to find records by them.
 */
export const TAGS = {
  chatId: 'telegramChatId',
  chatType: 'telegramChatType',
  /** The last update ids handled in the chat, to skip an update Telegram delivers again. */
  recentUpdates: 'telegramRecentUpdates',
  userId: 'telegramUserId',
  username: 'telegramUsername',
  messageId: 'telegramMessageId',
  callbackQueryId: 'telegramCallbackQueryId',
} as const

export const conversationIdOf = (alias: string, chatId: number): string => `${alias}:chat:${chatId}`
export const userIdOf = (alias: string, userId: number): string => `${alias}:user:${userId}`

/** The chat a conversation of the channel is: its tag, or its id for one created under the id scheme. */
export function chatIdOf(conversation: Conversation): number {
  const fromTag = conversation.tags[TAGS.chatId]
  const fromId = /:chat:(-?\d+)$/.exec(conversation.id)?.[1]
  const chatId = Number(fromTag ?? fromId)
  if (Number.isSafeInteger(chatId)) return chatId
  throw new TelegramError('TELEGRAM_CHAT_MISSING', `conversation "${conversation.id}" is not a Telegram chat: give it the tag ${TAGS.chatId} (the chat's id) when creating it`)
}

const RECENT_UPDATES = 20

/** Whether the chat already handled this update, and its recent updates with this one added. */
export function noteUpdate(conversation: Conversation, updateId: number): { seen: boolean; recent: string } {
  const recent = (conversation.tags[TAGS.recentUpdates] ?? '').split(',').filter(Boolean)
  const id = String(updateId)
  return { seen: recent.includes(id), recent: [...recent, id].slice(-RECENT_UPDATES).join(',') }
}
