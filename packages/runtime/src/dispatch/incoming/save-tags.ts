import type { Message } from '@parley/sdk'
import { storedTags, toMessage } from '../../engine/records.js'
import type * as storage from '../../storage/index.js'

/** Writes the tags hooks and handlers put on a message; returns the message as it will be stored. */
export async function saveTags(stores: storage.BotStorage, stored: storage.Message, message: Message): Promise<Message> {
  const tags = storedTags(message.tags) ?? {}
  const changed = Object.fromEntries(Object.entries(tags).filter(([name, value]) => stored.tags[name] !== value))
  if (Object.keys(changed).length === 0) return toMessage(stored)
  return toMessage(await stores.messages.update(stored.id, { tags: changed }))
}
