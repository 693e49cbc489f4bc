import type { Engine } from '../engine/engine.js'
import { runTurn } from '../dispatch/turns/run-turn.js'
import type { BotStorage } from '../storage/index.js'
import { endConversation } from './conversation-end.js'

/** What an inactivity end job carries: the conversation, and the message whose arrival scheduled it. */
export interface InactivityEnd {
  readonly conversationId: string
  /** Absent in jobs scheduled before ends were tied to a message: those end the conversation as they did. */
  readonly messageId?: string
  readonly jobId: number
}

const PAGE = 50

/**
 * Ends a conversation whose inactivity time ran out since the message that scheduled it, as a turn of
 * that conversation: after every turn that came before, so a message accepted since is seen, and that
 * message's own job ends the conversation later instead. The job is deleted with the turn's writes.
 */
export async function endQuietConversation(engine: Engine, end: InactivityEnd): Promise<void> {
  const { conversationId } = end
  const ctx = { botId: engine.botId, alias: '', conversationId, userId: '', messageId: '', eventId: '' }
  await runTurn(engine, { conversationId, ctx, kind: 'job' }, async (turn) => {
    turn.completeJob(end.jobId)
    if (await messagedSince(turn.stores, end)) return
    await endConversation(engine, { unit: engine.bot, ctx, turn }, { id: conversationId })
  })
}

/** Whether the conversation's newest incoming message is another than the one that scheduled the end. */
async function messagedSince(stores: BotStorage, end: InactivityEnd): Promise<boolean> {
  if (end.messageId === undefined) return false
  for (let offset: number | undefined = 0; offset !== undefined;) {
    const page = await stores.messages.list({ conversationId: end.conversationId, order: 'desc', limit: PAGE, offset })
    const newest = page.items.find((message) => message.direction === 'incoming')
    if (newest) return newest.id !== end.messageId
    offset = page.nextOffset
  }
  return false
}
