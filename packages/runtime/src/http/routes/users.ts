import { z } from '@parley/sdk'
import { botParams, idParams, pageQuery, tags, tagsInput } from '../schemas/common.js'
import { user } from '../schemas/records.js'
import { toTags } from '../schemas/tags.js'
import { botRoute, type Route } from './route.js'

const base = '/v1/bots/:botId/users'
const tag = 'users'
const one = z.object({ user })
const fields = { name: z.string().optional(), tags: tagsInput.optional() }

export const userRoutes: readonly Route[] = [
  botRoute({
    method: 'get', path: base, operationId: 'listUsers', summary: 'List users, oldest first', tag, access: 'token',
    params: botParams,
    query: z.object({ tags: tags.optional(), ...pageQuery }),
    success: { status: 200, schema: z.object({ users: z.array(user) }) },
    handle: ({ client, query }) => client.listUsers(query),
  }),
  botRoute({
    method: 'post', path: base, operationId: 'getOrCreateUser', summary: 'Get the user with this id, or create one', tag, access: 'token',
    params: botParams,
    body: z.strictObject({ id: z.string().min(1).optional(), ...fields }),
    success: { status: 200, schema: one },
    handle: ({ client, body }) => client.getOrCreateUser({ ...body, tags: toTags(body.tags) }),
  }),
  botRoute({
    method: 'get', path: `${base}/:id`, operationId: 'getUser', summary: 'Get a user', tag, access: 'token',
    params: idParams,
    success: { status: 200, schema: one },
    handle: ({ client, params }) => client.getUser({ id: params.id }),
  }),
  botRoute({
    method: 'patch', path: `${base}/:id`, operationId: 'updateUser', summary: "Change a user's name or tags", tag, access: 'token',
    params: idParams,
    body: z.strictObject(fields),
    success: { status: 200, schema: one },
    handle: ({ client, params, body }) => client.updateUser({ id: params.id, ...body, tags: toTags(body.tags) }),
  }),
]
