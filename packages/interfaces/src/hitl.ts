import { InterfaceDefinition, z } from '@parley/sdk'

const transcriptLine = z.object({ author: z.enum(['user', 'bot', 'agent']), text: z.string() })

/**
 * Human in the loop: hand a conversation to a human agent on a support desk, and take it back.
 *
 * @example
 * await interfaces.hitl.startHitl({ title: 'Refund', userId, conversationId, transcript: [] })
 */
export const hitl = new InterfaceDefinition({
  name: 'hitl',
  version: '1.0.0',
  title: 'Human in the loop',
  actions: {
    createUser: {
      title: 'Create desk user',
      input: { schema: z.object({ name: z.string(), email: z.string().email().optional() }) },
      output: { schema: z.object({ userId: z.string() }) },
    },
    startHitl: {
      title: 'Start handoff',
      input: {
        schema: z.object({
          title: z.string(),
          description: z.string().optional(),
          userId: z.string(),
          conversationId: z.string(),
          transcript: z.array(transcriptLine),
        }),
      },
      output: { schema: z.object({ ticketId: z.string() }) },
    },
    stopHitl: {
      title: 'Stop handoff',
      input: { schema: z.object({ conversationId: z.string(), reason: z.enum(['resolved', 'cancelled', 'timeout']).optional() }) },
      output: { schema: z.object({}) },
    },
  },
  events: {
    hitlAssigned: { schema: z.object({ conversationId: z.string(), agentId: z.string() }) },
    hitlStopped: { schema: z.object({ conversationId: z.string() }) },
  },
  channels: {
    hitl: { messages: { text: { schema: z.object({ text: z.string() }) } } },
  },
})

export default hitl
