import { InterfaceDefinition, z } from '@parley/sdk'

const target = {
  conversationId: z.string(),
  messageId: z.string().describe('The message the indicator is shown for'),
}

/**
 * Shows the user that the bot is writing, on channels that can (Botpress's `typingIndicator`).
 *
 * @example
 * await actions.typing.startTypingIndicator({ conversationId, messageId, timeout: 5000 })
 */
export const typingIndicator = new InterfaceDefinition({
  name: 'typing-indicator',
  version: '1.0.0',
  actions: {
    startTypingIndicator: {
      input: { schema: () => z.object({ ...target, timeout: z.number().optional().describe('Milliseconds after which the indicator stops') }) },
      output: { schema: () => z.object({}) },
    },
    stopTypingIndicator: { input: { schema: () => z.object(target) }, output: { schema: () => z.object({}) } },
  },
})

export default typingIndicator.asPackage()
