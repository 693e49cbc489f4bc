import { IntegrationDefinition, IntegrationImplementation, messages, z } from '@parley/sdk'
import hitl from '@parley/interfaces/hitl'

/** A support desk implementing Botpress's `hitl` interface: what it was asked, and what its agents were shown. */
export function desk() {
  const shown: { conversationId: string; text: string }[] = []
  const definition = new IntegrationDefinition({
    name: 'support-desk', version: '1.0.0',
    entities: { ticket: { schema: z.object({ priority: z.string().optional() }) } },
    channels: { hitl: { messages: { text: { schema: messages.defaults.text.schema.extend({ userId: z.string().optional() }) } } } },
  }).extend(hitl, ({ entities }) => ({ entities: { hitlSession: entities.ticket } }))
  const implementation = new IntegrationImplementation({
    actions: {
      createUser: async ({ input, client }) => ({ userId: (await client.getOrCreateUser({ name: input.name, tags: { email: input.email } })).user.id }),
      startHitl: async ({ input, client }) => {
        const { conversation } = await client.getOrCreateConversation({ channel: 'hitl', tags: { ticket: `ticket for ${input.userId}` } })
        return { conversationId: conversation.id }
      },
      stopHitl: async () => ({}),
    },
    channels: {
      hitl: { messages: { text: async ({ payload, conversation }) => void shown.push({ conversationId: conversation.id, text: String(payload.text) }) } },
    },
  })
  return { definition, implementation, shown }
}
