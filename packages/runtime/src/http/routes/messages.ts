import { z } from '@parley/sdk'
import { anyObject, botParams, idParams, pageQuery, tagsInput } from '../schemas/common.js'
import { message } from '../schemas/records.js'
import { toTags } from '../schemas/tags.js'
import { botRoute, type Route } from './route.js'

const tag = 'messages'
const one = z.object({ message })
const content = { type: z.string().min(1), payload: anyObject, tags: tagsInput.optional() }

export const messageRoutes: readonly Route[] = [
  botRoute({
    method: 'get', path: '/v1/bots/:botId/conversations/:id/messages', operationId: 'listMessages', summary: "List a conversation's messages, oldest first", tag, access: 'token',
    params: idParams,
    query: z.object(pageQuery),
    success: { status: 200, schema: z.object({ messages: z.array(message) }) },
    handle: ({ client, params, query }) => client.listMessages({ conversationId: params.id, ...query }),
  }),
  botRoute({
    method: 'post', path: '/v1/bots/:botId/messages', operationId: 'createMessage', summary: 'Send a message from the bot (through its outgoing-message hooks)', tag, access: 'token',
    params: botParams,
    body: z.strictObject({ conversationId: z.string().min(1), userId: z.string().min(1).optional(), ...content }),
    success: { status: 201, schema: one },
    handle: ({ client, body }) => client.createMessage({ ...body, tags: toTags(body.tags) }),
  }),
  botRoute({
    method: 'post', path: '/v1/bots/:botId/messages/incoming', operationId: 'receiveMessage',
    summary: "Hand in a user's message: it is stored and dispatched to hooks and handlers, and the call returns once they ran", tag, access: 'token',
    params: botParams,
    body: z.strictObject({ conversationId: z.string().min(1), userId: z.string().min(1), ...content }),
    success: { status: 201, schema: one },
    handle: ({ bot, body }) => bot.receiveMessage({ ...body, tags: toTags(body.tags) }),
  }),
  botRoute({
    method: 'get', path: '/v1/bots/:botId/messages/:id', operationId: 'getMessage', summary: 'Get a message', tag, access: 'token',
    params: idParams,
    success: { status: 200, schema: one },
    handle: ({ client, params }) => client.getMessage({ id: params.id }),
  }),
]
