import { BotImplementation } from '@parley/sdk'

const bot = new BotImplementation({ actions: {} })

// The journal plugin's handler runs first (plugins before the bot), so this message is already an entry.
bot.on.message('text', async ({ message, client, ctx }) => {
  const { entries } = await client.callAction({ type: 'journal:summary', input: { userId: ctx.userId } })
  const text = `You said "${message.payload.text}". That makes ${entries} ${entries === 1 ? 'entry' : 'entries'} in your journal.`
  await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text } })
})

// Remembers the latest entry of each conversation, from the event the journal emits.
bot.on.event('journal:entryRecorded', async ({ event, ctx, states }) => {
  await states.lastEntry.set({ id: ctx.conversationId, payload: { entryId: event.payload.entryId, text: event.payload.text } })
})

export default bot
