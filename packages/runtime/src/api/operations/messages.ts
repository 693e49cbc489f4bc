import { z } from '@parley/sdk'
import { anyObject, botParams, id, idParams, name, pageQuery, tagsInput } from '../schemas/common.js'
import { message } from '../schemas/records.js'
import { describeOperations } from './operation.js'
import { tagged } from './tagged.js'

const one = z.object({ message })

/** What a message carries, sent by the bot or handed in for a user. */
export const messageContent = { type: name, payload: anyObject, tags: tagsInput.optional() }

export const messageOperations = describeOperations({
  listMessages: {
    method: 'get', path: '/v1/bots/:botId/conversations/:conversationId/messages', summary: "List a conversation's messages, oldest first", tag: 'messages',
    params: botParams.extend({ conversationId: id }),
    query: z.object(pageQuery),
    success: { status: 200, schema: z.object({ messages: z.array(message) }) },
  },
  createMessage: {
    method: 'post', path: '/v1/bots/:botId/messages', summary: 'Send a message from the bot (through its outgoing-message hooks)', tag: 'messages',
    params: botParams,
    body: z.strictObject({ conversationId: id, userId: id.optional(), ...messageContent }),
    success: { status: 201, schema: one },
    ...tagged,
  },
  getMessage: {
    method: 'get', path: '/v1/bots/:botId/messages/:id', summary: 'Get a message', tag: 'messages',
    params: idParams,
    success: { status: 200, schema: one },
  },
  deleteMessage: {
    method: 'delete', path: '/v1/bots/:botId/messages/:id', summary: 'Delete a message', tag: 'messages',
    params: idParams,
    success: { status: 204 },
  },
})
