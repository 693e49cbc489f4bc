import * as bp from '../.parley'

/** Answers with the text, prefixed as configured. */
export async function echo({ input, configuration }: bp.ActionHandlerProps<'echo'>): Promise<bp.EchoOutput> {
  return { text: `${configuration.prefix}: ${input.text}` }
}

/** Delivers a text message to the service; here the "service" assigns it an id, recorded as a tag. */
export async function sendText({ payload, message, ack }: bp.ChannelMessageProps<'chat', 'text'>): Promise<void> {
  const deliveredAs = `echo-${message.id}-${payload.text.length}`
  await ack({ tags: { deliveredAs } })
}

export default new bp.Integration({
  actions: { echo },
  channels: { chat: { messages: { text: sendText } } },
  handler: async () => ({ status: 200 }),
})
