import { z } from '@parley/sdk'
import { botParams, idParams, pageQuery, tags, tagsInput } from '../schemas/common.js'
import { conversation } from '../schemas/records.js'
import { toTags } from '../schemas/tags.js'
import { botRoute, type Route } from './route.js'

const base = '/v1/bots/:botId/conversations'
const tag = 'conversations'
const one = z.object({ conversation })

export const conversationRoutes: readonly Route[] = [
  botRoute({
    method: 'get', path: base, operationId: 'listConversations', summary: 'List conversations, oldest first', tag, access: 'token',
    params: botParams,
    query: z.object({ tags: tags.optional(), ...pageQuery }),
    success: { status: 200, schema: z.object({ conversations: z.array(conversation) }) },
    handle: ({ client, query }) => client.listConversations(query),
  }),
  botRoute({
    method: 'post', path: base, operationId: 'getOrCreateConversation', summary: 'Get the conversation with this id, or create one', tag, access: 'token',
    params: botParams,
    body: z.strictObject({ id: z.string().min(1).optional(), channel: z.string().min(1).optional(), tags: tagsInput.optional() }),
    success: { status: 200, schema: one },
    handle: ({ client, body }) => client.getOrCreateConversation({ ...body, tags: toTags(body.tags) }),
  }),
  botRoute({
    method: 'get', path: `${base}/:id`, operationId: 'getConversation', summary: 'Get a conversation', tag, access: 'token',
    params: idParams,
    success: { status: 200, schema: one },
    handle: ({ client, params }) => client.getConversation({ id: params.id }),
  }),
  botRoute({
    method: 'patch', path: `${base}/:id`, operationId: 'updateConversation', summary: "Change a conversation's tags", tag, access: 'token',
    params: idParams,
    body: z.strictObject({ tags: tagsInput.optional() }),
    success: { status: 200, schema: one },
    handle: ({ client, params, body }) => client.updateConversation({ id: params.id, tags: toTags(body.tags) }),
  }),
]
