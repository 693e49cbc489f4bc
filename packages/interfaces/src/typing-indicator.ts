import { InterfaceDefinition, z } from '@parley/sdk'

const target = z.object({ conversationId: z.string(), messageId: z.string() })

/**
 * Shows the user that the bot is writing, on channels that can.
 *
 * @example
 * await interfaces.typing.startTypingIndicator({ conversationId, messageId, timeout: 5000 })
 */
export const typingIndicator = new InterfaceDefinition({
  name: 'typing-indicator',
  version: '1.0.0',
  actions: {
    startTypingIndicator: {
      input: { schema: target.extend({ timeout: z.number().int().positive().optional() }) },
      output: { schema: z.object({}) },
    },
    stopTypingIndicator: { input: { schema: target }, output: { schema: z.object({}) } },
  },
})

export default typingIndicator
