import { z } from '@parley/sdk'
import { botParams, id } from '../schemas/common.js'
import { user } from '../schemas/records.js'
import { describeOperations } from './operation.js'

const participants = '/v1/bots/:botId/conversations/:id/participants'
const participantParams = botParams.extend({ id, userId: id })
const one = z.object({ participant: user })

/** The users taking part in a conversation: those added, and every user who sent it a message. */
export const participantOperations = describeOperations({
  listParticipants: {
    method: 'get', path: participants, summary: "List a conversation's participants in the order they joined", tag: 'conversations',
    params: botParams.extend({ id }),
    query: z.object({ nextToken: z.string().regex(/^\d{1,9}$/).optional().describe("The previous page's meta.nextToken") }),
    success: { status: 200, schema: z.object({ participants: z.array(user), meta: z.object({ nextToken: z.string().optional() }) }) },
  },
  addParticipant: {
    method: 'post', path: participants, summary: 'Make an existing user a participant of the conversation', tag: 'conversations',
    params: botParams.extend({ id }),
    body: z.strictObject({ userId: id }),
    success: { status: 200, schema: one },
  },
  getParticipant: {
    method: 'get', path: `${participants}/:userId`, summary: 'Get a participant of the conversation', tag: 'conversations',
    params: participantParams,
    success: { status: 200, schema: one },
  },
  removeParticipant: {
    method: 'delete', path: `${participants}/:userId`, summary: 'Remove a participant from the conversation (none there is no error)', tag: 'conversations',
    params: participantParams,
    success: { status: 200, schema: z.object({}) },
  },
})
