import { InterfaceDefinition, messages, z } from '@parley/sdk'

const messageSource = z.union([
  z.object({ type: z.literal('user'), userId: z.string() }),
  z.object({ type: z.literal('bot') }),
])

/** One message of the conversation so far, as the human agent's desk shows it. */
const historyMessage = z.object({ source: messageSource, type: z.string(), payload: z.record(z.any()) })

const sessionId = z.string().title('HITL session ID').describe('ID of the conversation representing the HITL session')

/** The agent's desk may post as a given user (the human agent) rather than as the bot. */
const asUser = <S extends z.AnyZodObject>(message: { readonly schema: S }) => ({
  schema: () => message.schema.extend({ userId: z.string().optional().describe('Allows sending a message pretending to be a certain user') }),
})

/**
 * Human in the loop: hand a conversation to a human agent on a support desk, and take it back. The
 * Botpress `hitl` interface, field for field.
 *
 * @example
 * const { conversationId } = await actions.hitl.startHitl({ userId, title: 'Refund', messageHistory: [] })
 */
export const hitl = new InterfaceDefinition({
  name: 'hitl',
  version: '2.0.0',
  title: 'Human in the loop',
  entities: {
    hitlSession: {
      title: 'HITL session',
      description: 'A HITL session, often called a ticket or a conversation in the desk\'s system',
      schema: z.object({}),
    },
  },
  events: {
    hitlAssigned: {
      schema: () => z.object({
        conversationId: sessionId,
        userId: z.string().title('Human agent user ID').describe('ID of the user representing the human agent assigned to the session'),
      }),
    },
    hitlStopped: { schema: () => z.object({ conversationId: sessionId }) },
  },
  actions: {
    createUser: {
      title: 'Create external user',
      description: 'Create an end user in the desk\'s system and in the bot',
      input: {
        schema: () => z.object({
          name: z.string().title('Display name').describe('Display name of the end user'),
          pictureUrl: z.string().title('Picture URL').describe('URL of the end user\'s avatar').optional(),
          email: z.string().title('Email address').describe('Email address of the end user').optional(),
        }),
      },
      output: { schema: () => z.object({ userId: z.string().title('User ID').describe('ID of the user representing the end user') }) },
    },
    startHitl: {
      title: 'Start new HITL session',
      description: 'Create a new HITL session in the desk\'s system and in the bot',
      input: {
        schema: ({ hitlSession }) => z.object({
          userId: z.string().title('User ID').describe('ID of the user representing the end user'),
          title: z.string().title('Title').describe('Title of the session: a ticket\'s title in desks that use tickets').optional(),
          description: z.string().title('Description').describe('Description of the session: a ticket\'s description in desks that use tickets').optional(),
          hitlSession: hitlSession.optional().title('Extra configuration').describe('Configuration of the HITL session'),
          // Optional, as Botpress's hitl plugins call it without one.
          messageHistory: z.array(historyMessage).title('Conversation history').describe('Every message of the conversation so far, shown to the human agent').optional(),
        }),
      },
      output: { schema: () => z.object({ conversationId: sessionId }) },
    },
    stopHitl: {
      title: 'Stop HITL session',
      description: 'Stop an existing HITL session in the desk\'s system',
      input: {
        schema: () => z.object({
          conversationId: sessionId,
          reason: z.enum(['timeout', 'cancel']).title('Reason').describe('Why the bot ends the session: the end user cancelled it, or no agent came in time').optional(),
        }),
      },
      output: { schema: () => z.object({}) },
    },
  },
  channels: {
    hitl: {
      messages: {
        text: asUser(messages.defaults.text),
        image: asUser(messages.defaults.image),
        audio: asUser(messages.defaults.audio),
        video: asUser(messages.defaults.video),
        file: asUser(messages.defaults.file),
        bloc: asUser(messages.defaults.bloc),
      },
    },
  },
})

export default hitl.asPackage()
