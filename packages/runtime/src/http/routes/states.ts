import { z } from '@parley/sdk'
import { anyObject } from '../schemas/common.js'
import { state, stateType } from '../schemas/records.js'
import { botRoute, type Route } from './route.js'

const path = '/v1/bots/:botId/states/:type/:id/:name'
const tag = 'states'
const one = z.object({ state })
const params = z.object({ botId: z.string().min(1), type: stateType, id: z.string().min(1), name: z.string().min(1) })
const expiry = z.number().int().positive().optional().describe('Milliseconds from this write until the state expires')
const write = z.strictObject({ payload: anyObject, expiry })

/** The state's key from the path: `/states/user/usr_1/analytics:userMetrics`. */
type Key = z.output<typeof params>
const keyOf = ({ type, id, name }: Key) => ({ type, id, name })

export const stateRoutes: readonly Route[] = [
  botRoute({
    method: 'get', path, operationId: 'getState', summary: 'Get a state', tag, access: 'token',
    params,
    success: { status: 200, schema: one },
    handle: ({ client, params }) => client.getState(keyOf(params)),
  }),
  botRoute({
    method: 'put', path, operationId: 'setState', summary: 'Write a state, replacing its payload', tag, access: 'token',
    params, body: write,
    success: { status: 200, schema: one },
    handle: ({ client, params, body }) => client.setState({ ...keyOf(params), ...body }),
  }),
  botRoute({
    method: 'post', path: `${path}/get-or-set`, operationId: 'getOrSetState', summary: 'Get a state, writing this payload first when there is none', tag, access: 'token',
    params, body: write,
    success: { status: 200, schema: one },
    handle: ({ client, params, body }) => client.getOrSetState({ ...keyOf(params), ...body }),
  }),
  botRoute({
    method: 'patch', path, operationId: 'patchState', summary: "Replace some of a state's top-level fields", tag, access: 'token',
    params, body: z.strictObject({ payload: anyObject }),
    success: { status: 200, schema: one },
    handle: ({ client, params, body }) => client.patchState({ ...keyOf(params), ...body }),
  }),
  botRoute({
    method: 'delete', path, operationId: 'deleteState', summary: 'Delete a state', tag, access: 'token',
    params,
    success: { status: 204 },
    handle: ({ client, params }) => client.deleteState(keyOf(params)),
  }),
]
