import type { ParticipantStore } from '../participants/participants.js'
import { participantKey, type Pending } from './pending.js'

/**
 * Participants as a turn sees them. Adds and removals are stored at once, as table rows are. The sender
 * of a message the turn received is a participant from that moment, though the message (whose commit
 * adds its sender) waits for the turn's end: so before a read, the turn's senders not yet added are.
 * `known` holds the senders known to be participants (`participantKey`); each one added here joins it, so
 * it is added once per turn, neither here again nor by the commit, and a removal in the same turn holds.
 */
export function participantOverlay(stored: ParticipantStore, pending: () => Pending, known: Set<string>): ParticipantStore {
  const addSenders = async (conversationId: string) => {
    for (const message of pending().messages.values()) {
      const key = participantKey(message.conversationId, message.userId)
      if (message.direction !== 'incoming' || message.conversationId !== conversationId || known.has(key)) continue
      known.add(key)
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
