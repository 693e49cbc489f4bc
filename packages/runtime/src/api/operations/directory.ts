import { z } from '@parley/sdk'
import { botParams, id, idParams, name, pageQuery, tagsInput, tagsQuery } from '../schemas/common.js'
import { conversation, user } from '../schemas/records.js'
import { describeOperations } from './operation.js'
import { tagged } from './tagged.js'

const users = '/v1/bots/:botId/users'
const conversations = '/v1/bots/:botId/conversations'
const oneUser = z.object({ user })
const oneConversation = z.object({ conversation })
const userFields = { name: z.string().max(1000).optional(), tags: tagsInput.optional() }

/** The people the bot talks with, and where. */
export const directoryOperations = describeOperations({
  listUsers: {
    method: 'get', path: users, summary: 'List users, oldest first', tag: 'users',
    params: botParams,
    query: z.object({ tags: tagsQuery.optional(), ...pageQuery }),
    success: { status: 200, schema: z.object({ users: z.array(user) }) },
  },
  getOrCreateUser: {
    method: 'post', path: users, summary: 'Get the user with this id, or create one', tag: 'users',
    params: botParams,
    body: z.strictObject({ id: id.optional(), ...userFields }),
    success: { status: 200, schema: oneUser },
    ...tagged,
  },
  getUser: {
    method: 'get', path: `${users}/:id`, summary: 'Get a user', tag: 'users',
    params: idParams,
    success: { status: 200, schema: oneUser },
  },
  updateUser: {
    method: 'patch', path: `${users}/:id`, summary: "Change a user's name or tags", tag: 'users',
    params: idParams,
    body: z.strictObject(userFields),
    success: { status: 200, schema: oneUser },
    ...tagged,
  },
  deleteUser: {
    method: 'delete', path: `${users}/:id`, summary: 'Delete a user with the messages they sent and their states', tag: 'users',
    params: idParams,
    success: { status: 204 },
  },
  listConversations: {
    method: 'get', path: conversations, summary: 'List conversations, oldest first', tag: 'conversations',
    params: botParams,
    query: z.object({ tags: tagsQuery.optional(), channel: name.optional(), ...pageQuery }),
    success: { status: 200, schema: z.object({ conversations: z.array(conversation) }) },
  },
  getOrCreateConversation: {
    method: 'post', path: conversations, summary: 'Get the conversation with this id, or create one', tag: 'conversations',
    params: botParams,
    body: z.strictObject({ id: id.optional(), channel: name.optional(), tags: tagsInput.optional() }),
    success: { status: 200, schema: oneConversation },
    ...tagged,
  },
  getConversation: {
    method: 'get', path: `${conversations}/:id`, summary: 'Get a conversation', tag: 'conversations',
    params: idParams,
    success: { status: 200, schema: oneConversation },
  },
  updateConversation: {
    method: 'patch', path: `${conversations}/:id`, summary: "Change a conversation's tags", tag: 'conversations',
    params: idParams,
    body: z.strictObject({ tags: tagsInput.optional() }),
    success: { status: 200, schema: oneConversation },
    ...tagged,
  },
  deleteConversation: {
    method: 'delete', path: `${conversations}/:id`, summary: 'Delete a conversation with its messages, states, events, workflow runs and jobs, after its turns in flight', tag: 'conversations',
    params: idParams,
    success: { status: 204 },
  },
  endConversation: {
    method: 'post', path: `${conversations}/:id/end`, summary: 'End a conversation: plugins that listen (`conversation:end`) hear of it', tag: 'conversations',
    params: idParams,
    success: { status: 200, schema: oneConversation },
  },
})
