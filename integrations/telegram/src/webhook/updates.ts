import type { Conversation, User } from '@parley/sdk'
import { botApi } from '../bot-api/client.js'
import type { CallbackQuery, Chat, TelegramMessage, TelegramUser, Update } from '../bot-api/types.js'
import { conversationIdOf, noteUpdate, TAGS, userIdOf } from '../chats.js'
import type { TelegramProps } from '../types.js'

/**
 * One update into the bot: a message (text or location) becomes a message from its sender in its chat's
 * conversation; a button press (callback query) is answered, so the button stops spinning, and becomes a
 * text message holding the option's value. Other updates are acknowledged and left alone.
 */
export async function handleUpdate(props: TelegramProps, update: Update): Promise<void> {
  if (update.message) return fromMessage(props, update.update_id, update.message)
  if (update.callback_query) return fromCallbackQuery(props, update.update_id, update.callback_query)
  props.logger.debug(`update ${update.update_id} left alone: it holds neither a message nor a button press`)
}

async function fromMessage(props: TelegramProps, updateId: number, message: TelegramMessage): Promise<void> {
  const content = contentOf(message)
  if (!content || !message.from) return props.logger.debug(`update ${updateId} left alone: only text and locations from a sender are taken in`)
  const parties = await partiesOf(props, updateId, message.chat, message.from)
  if (!parties) return
  const tags = { [TAGS.messageId]: String(message.message_id) }
  await props.client.createMessage({ conversationId: parties.conversation.id, userId: parties.user.id, ...content, tags })
}

async function fromCallbackQuery(props: TelegramProps, updateId: number, query: CallbackQuery): Promise<void> {
  if (!query.message || !query.data) return answerCallbackQuery(props, query) // nothing to hand the bot
  const parties = await partiesOf(props, updateId, query.message.chat, query.from)
  if (!parties) return // delivered again: answered the first time
  await answerCallbackQuery(props, query)
  const tags = { [TAGS.callbackQueryId]: query.id }
  await props.client.createMessage({ conversationId: parties.conversation.id, userId: parties.user.id, type: 'text', payload: { text: query.data }, tags })
}

type Content =
  | { readonly type: 'text'; readonly payload: { readonly text: string } }
  | { readonly type: 'location'; readonly payload: { readonly latitude: number; readonly longitude: number } }

function contentOf(message: TelegramMessage): Content | undefined {
  if (message.text) return { type: 'text', payload: { text: message.text } }
  if (message.location) return { type: 'location', payload: { latitude: message.location.latitude, longitude: message.location.longitude } }
  return undefined
}

/** The chat's conversation and the sender's user, or nothing when the chat already handled this update. */
async function partiesOf(props: TelegramProps, updateId: number, chat: Chat, from: TelegramUser): Promise<{ conversation: Conversation; user: User } | undefined> {
  const { client, ctx } = props
  const chatTags = { [TAGS.chatId]: String(chat.id), [TAGS.chatType]: chat.type }
  const { conversation } = await client.getOrCreateConversation({ id: conversationIdOf(ctx.alias, chat.id), channel: 'chat', tags: chatTags })
  const noted = noteUpdate(conversation, updateId)
  if (noted.seen) {
    props.logger.info(`update ${updateId} was already handled in chat ${chat.id}; Telegram delivered it again`)
    return undefined
  }
  await client.updateConversation({ id: conversation.id, tags: { [TAGS.recentUpdates]: noted.recent } })
  const userTags = { [TAGS.userId]: String(from.id), ...(from.username ? { [TAGS.username]: from.username } : {}) }
  const { user } = await client.getOrCreateUser({ id: userIdOf(ctx.alias, from.id), name: [from.first_name, from.last_name].filter(Boolean).join(' '), tags: userTags })
  return { conversation, user }
}

/** A failed answer only leaves the button spinning a while: it is logged, and the press still goes to the bot. */
async function answerCallbackQuery(props: TelegramProps, query: CallbackQuery): Promise<void> {
  try {
    await botApi(props.configuration, props.secrets).call('answerCallbackQuery', { callback_query_id: query.id })
  } catch (error) {
    props.logger.forBot().warn(`could not answer button press ${query.id}: ${(error as Error).message}`)
  }
}
