import { InterfaceDefinition, z } from '@parley/sdk'

/**
 * Opening a conversation on the outside service from the bot, to write first (Botpress's `proactiveConversation`).
 *
 * @example
 * const { conversationId } = await actions.chats.getOrCreateConversation({ conversation: { channelId } })
 */
export const proactiveConversation = new InterfaceDefinition({
  name: 'proactive-conversation',
  version: '1.0.0',
  entities: {
    conversation: { title: 'Conversation', description: 'The fields that identify a conversation on the service', schema: z.object({}).title('Conversation').describe('The conversation object fields') },
  },
  actions: {
    getOrCreateConversation: {
      title: 'Get or create a conversation',
      description: 'Find or open a conversation on the service from the bot',
      input: { schema: ({ conversation }) => z.object({ conversation: conversation.title('Conversation').describe('The conversation object fields') }) },
      output: { schema: () => z.object({ conversationId: z.string().title('Conversation ID').describe('The id of the conversation in the bot') }) },
    },
  },
})

export default proactiveConversation.asPackage()
