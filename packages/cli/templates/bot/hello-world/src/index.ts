import * as bp from '../.parley'

/** Builds a greeting from the configured word and a name. */
export const greet: bp.ActionHandler<'greet'> = async ({ input, configuration }) => ({
  text: `${configuration.greeting}, ${input.name}!`,
})

/** Replies to each text message with a greeting, and counts the user's visits. */
export async function replyToText({ message, client, states, actions }: bp.MessageHandlerProps<'text'>): Promise<void> {
  const { state } = await states.visits.getOrSet({ id: message.userId, payload: { count: 0 } })
  const count = state.payload.count + 1
  await states.visits.set({ id: message.userId, payload: { count } })
  const { text } = await actions.greet({ name: message.payload.text })
  await client.createMessage({
    conversationId: message.conversationId,
    type: 'text',
    payload: { text: `${text} (visit ${count})` },
  })
}

export const bot = new bp.Bot({ actions: { greet } })
bot.on.message('text', replyToText)

export default bot
