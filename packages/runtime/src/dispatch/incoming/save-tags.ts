import type { Message } from '@parley/sdk'
import type { Engine } from '../../engine/engine.js'
import { storedTags, toMessage } from '../../engine/records.js'
import type * as storage from '../../storage/index.js'

/** Stores the tags hooks and handlers wrote on a message; returns the message as stored. */
export async function saveTags(engine: Engine, stored: storage.Message, message: Message): Promise<Message> {
  const tags = storedTags(message.tags) ?? {}
  const changed = Object.fromEntries(Object.entries(tags).filter(([name, value]) => stored.tags[name] !== value))
  if (Object.keys(changed).length === 0) return toMessage(stored)
  return toMessage(await engine.stores.messages.update(stored.id, { tags: changed }))
}
