import { z } from '@parley/sdk'
import { anyObject, duration, id, name } from '../schemas/common.js'
import { state, stateType } from '../schemas/records.js'
import { describeOperations } from './operation.js'

/** A state's key is its path: `/states/user/usr_1/analytics:userMetrics`. */
const path = '/v1/bots/:botId/states/:type/:id/:name'
const tag = 'states'
const one = z.object({ state })
const params = z.object({ botId: id, type: stateType, id, name })
const expiry = duration.optional().describe('Milliseconds from this write until the state expires')
const write = z.strictObject({ payload: anyObject, expiry })

export const stateOperations = describeOperations({
  getState: {
    method: 'get', path, summary: 'Get a state; its version comes as the ETag', tag,
    params,
    success: { status: 200, schema: one },
  },
  setState: {
    method: 'put', path, summary: 'Write a state, replacing its payload; with If-Match, only over one of those versions', tag,
    params, body: write, conditional: true,
    success: { status: 200, schema: one },
  },
  getOrSetState: {
    method: 'post', path: `${path}/get-or-set`, summary: 'Get a state, writing this payload first when there is none', tag,
    params, body: write,
    success: { status: 200, schema: one },
  },
  patchState: {
    method: 'patch', path, summary: "Replace some of a state's top-level fields, atomically; with If-Match, only over one of those versions", tag,
    params, body: z.strictObject({ payload: anyObject }), conditional: true,
    success: { status: 200, schema: one },
  },
  deleteState: {
    method: 'delete', path, summary: 'Delete a state; with If-Match, only at one of those versions', tag,
    params, conditional: true,
    success: { status: 204 },
  },
})
