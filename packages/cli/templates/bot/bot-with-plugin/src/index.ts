import * as bp from '../.parley'
import greeter from '../plugins/greeter/src/index'

/** Replies to each text message through the plugin's action, called by its full name. */
export async function replyToText({ message, client }: bp.MessageHandlerProps<'text'>): Promise<void> {
  const { text } = await client.callAction({ type: 'greeter:greet', input: { name: message.payload.text } })
  await client.createMessage({ conversationId: message.conversationId, type: 'text', payload: { text } })
}

// The plugin was added to the definition as a bare definition, so its implementation is given here.
export const bot = new bp.Bot({ actions: {}, plugins: { greeter } })
bot.on.message('text', replyToText)

export default bot
