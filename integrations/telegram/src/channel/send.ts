import type { ChannelMessageProps } from '@parley/sdk'
import { botApi } from '../bot-api/client.js'
import { sentMessage, type InlineButton } from '../bot-api/types.js'
import { chatIdOf, TAGS } from '../chats.js'
import { TelegramError } from '../errors.js'
import type { TelegramTypes } from '../types.js'
import { splitText } from './split-text.js'

type Payloads = TelegramTypes['channels']['chat']
type Props<K extends keyof Payloads> = ChannelMessageProps<TelegramTypes, Payloads[K]>

const MAX_CAPTION = 1024
const MAX_CALLBACK_DATA_BYTES = 64

/**
 * How each message type the bot sends reaches the chat: texts (and markdown, sent as its text) with
 * `sendMessage`, split at Telegram's 4096 characters; a choice as a message with one inline button per
 * option, whose value comes back as a callback query; images, files and locations with their own
 * methods. The message is then tagged with the id Telegram gave it.
 */
export const chatChannel = {
  messages: {
    text: (props: Props<'text'>) => sendText(props, props.payload.text),
    markdown: (props: Props<'markdown'>) => sendText(props, props.payload.markdown),
    choice: (props: Props<'choice'>) => sendToChat(props, 'sendMessage', { text: props.payload.text || '…', reply_markup: { inline_keyboard: buttons(props.payload.options) } }),
    image: (props: Props<'image'>) => sendToChat(props, 'sendPhoto', { photo: props.payload.imageUrl, ...caption(props.payload.title) }),
    file: (props: Props<'file'>) => sendToChat(props, 'sendDocument', { document: props.payload.fileUrl, ...caption(props.payload.title) }),
    location: (props: Props<'location'>) => sendToChat(props, 'sendLocation', { latitude: props.payload.latitude, longitude: props.payload.longitude }),
  },
}

async function sendText(props: Props<keyof Payloads>, text: string): Promise<void> {
  for (const part of splitText(text)) await sendToChat(props, 'sendMessage', { text: part })
}

/** Calls a send method for the conversation's chat and tags the message with what Telegram sent (the last part, for a long text). */
async function sendToChat(props: Props<keyof Payloads>, method: string, params: object): Promise<void> {
  const result = await botApi(props.configuration, props.secrets).call(method, { chat_id: chatIdOf(props.conversation), ...params })
  const sent = sentMessage.safeParse(result)
  if (!sent.success) throw new TelegramError('UPSTREAM_BAD_RESPONSE', `Telegram's ${method} answered ok without the message it sent; check apiBaseUrl`)
  await props.ack({ tags: { [TAGS.messageId]: String(sent.data.message_id) } })
}

function buttons(options: readonly { readonly label: string; readonly value: string }[]): InlineButton[][] {
  return options.map(({ label, value }) => {
    const bytes = Buffer.byteLength(value, 'utf8')
    if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) {
      throw new TelegramError('CHOICE_VALUE_TOO_LARGE', `choice option "${label}" has a value of ${bytes} bytes; a Telegram button carries 1 to ${MAX_CALLBACK_DATA_BYTES} bytes, so use a shorter value (an id) and keep the long text in the label`)
    }
    return [{ text: label, callback_data: value }]
  })
}

function caption(title: string | undefined): { caption?: string } {
  if (!title) return {}
  return { caption: title.length > MAX_CAPTION ? `${title.slice(0, MAX_CAPTION - 1)}…` : title }
}
