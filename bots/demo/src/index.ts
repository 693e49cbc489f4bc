import * as bp from '../.parley'

/**
 * Answers each text with how many journal entries the user has. The journal plugin's handler runs
 * first (plugins before the bot), so this message is already an entry.
 */
export async function replyWithCount({ message, client, ctx, logger }: bp.MessageHandlerProps<'text'>): Promise<void> {
  const { entries } = await client.callAction({ type: 'journal:summary', input: { userId: ctx.userId } })
  logger.info(`"${message.payload.text}" is entry ${entries} of this user's journal`)
  const text = `You said "${message.payload.text}". That makes ${entries} ${entries === 1 ? 'entry' : 'entries'} in your journal.`
  await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text } })
}

/** Remembers the latest entry of each conversation, from the event the journal emits. */
export async function rememberEntry({ event, ctx, states }: bp.EventHandlerProps<'journal:entryRecorded'>): Promise<void> {
  await states.lastEntry.set({ id: ctx.conversationId, payload: { entryId: event.payload.entryId, text: event.payload.text } })
}

const bot = new bp.Bot({ actions: {} })
bot.on.message('text', replyWithCount)
bot.on.event('journal:entryRecorded', rememberEntry)

export default bot
