import type { ParticipantStore } from '../participants/participants.js'
import type { Pending } from './pending.js'

/**
 * Participants as a turn sees them. Adds and removals are stored at once, as table rows are. The sender
 * of a message the turn received is a participant from that moment, though the message (whose stored
 * trigger records it) waits for the turn's end: so before a read, the turn's senders not yet added are.
 * Each is added once per turn, so a removal in the same turn holds.
 */
export function participantOverlay(stored: ParticipantStore, pending: () => Pending): ParticipantStore {
  const added = new Set<string>()
  const addSenders = async (conversationId: string) => {
    for (const message of pending().messages.values()) {
      const key = `${message.conversationId}\u0000${message.userId}`
      if (message.direction !== 'incoming' || message.conversationId !== conversationId || added.has(key)) continue
      added.add(key)
      await stored.add(message.conversationId, message.userId)
    }
  }
  return {
    add: stored.add,
    remove: async (conversationId, userId) => (await addSenders(conversationId), stored.remove(conversationId, userId)),
    get: async (conversationId, userId) => (await addSenders(conversationId), stored.get(conversationId, userId)),
    list: async (conversationId, page) => (await addSenders(conversationId), stored.list(conversationId, page)),
  }
}
