import * as bp from '../.parley'

/** What a user types to have their journal summed up, by the `digest` workflow. */
const DIGEST = 'digest'

/**
 * Answers each text with how many journal entries the user has. The journal plugin's handler runs
 * first (plugins before the bot), so this message is already an entry. "digest" starts the digest
 * workflow instead, which answers once it has run.
 */
export async function replyWithCount({ message, client, ctx, logger, workflows }: bp.MessageHandlerProps<'text'>): Promise<void> {
  if (message.payload.text.trim().toLowerCase() === DIGEST) {
    await workflows.digest.start({ input: { userId: ctx.userId }, conversationId: ctx.conversationId, userId: ctx.userId })
    await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: 'Putting your digest together…' } })
    return
  }
  const { entries } = await client.callAction({ type: 'journal:summary', input: { userId: ctx.userId } })
  logger.info(`"${message.payload.text}" is entry ${entries} of this user's journal`)
  const text = `You said "${message.payload.text}". That makes ${entries} ${entries === 1 ? 'entry' : 'entries'} in your journal.`
  await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text } })
}

/** Remembers the latest entry of each conversation, from the event the journal emits. */
export async function rememberEntry({ event, ctx, states }: bp.EventHandlerProps<'journal:entryRecorded'>): Promise<void> {
  await states.lastEntry.set({ id: ctx.conversationId, payload: { entryId: event.payload.entryId, text: event.payload.text } })
}

/** The digest: how many entries the user's journal holds, said in the conversation that asked and kept as the workflow's output. */
export async function sendDigest({ workflow, client }: bp.WorkflowHandlerProps<'digest'>): Promise<void> {
  const { entries } = await client.callAction({ type: 'journal:summary', input: { userId: workflow.input.userId } })
  const text = `Your digest: ${entries} ${entries === 1 ? 'entry' : 'entries'} in your journal, this one included.`
  await client.createMessage({ conversationId: workflow.conversationId!, type: 'text', payload: { text } })
  await workflow.setCompleted({ output: { entries } })
}

const bot = new bp.Bot({ actions: {} })
bot.on.message('text', replyWithCount)
bot.on.event('journal:entryRecorded', rememberEntry)
bot.on.workflowStart('digest', sendDigest)

export default bot
