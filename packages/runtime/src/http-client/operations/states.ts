import type { Client } from '@parley/sdk'
import { ParleyHttpError } from '../http-error.js'
import { path } from '../path.js'
import type { Transport } from '../transport.js'

type States = Pick<Client, 'getState' | 'setState' | 'getOrSetState' | 'patchState' | 'deleteState' | 'updateState'>

/** `states/user/usr_1/analytics:userMetrics`: a state's key is its path. */
function statePath({ type, id, name }: { readonly type: string; readonly id: string; readonly name: string }): string {
  return path`states/${type}/${id}/${name}`
}

export function stateOperations(t: Transport): States {
  return {
    getState: (key) => t.call('get', statePath(key)),
    setState: ({ payload, expiry, ...key }) => t.call('put', statePath(key), { json: { payload, expiry } }),
    getOrSetState: ({ payload, expiry, ...key }) => t.call('post', `${statePath(key)}/get-or-set`, { json: { payload, expiry } }),
    patchState: ({ payload, ...key }) => t.call('patch', statePath(key), { json: { payload } }),
    deleteState: (key) => t.call('delete', statePath(key)),
    // Needs conditional writes over HTTP (If-Match on the state routes), which the HTTP layer brings.
    updateState: async ({ name }) => {
      throw new ParleyHttpError(0, 'NOT_SUPPORTED', `updateState of state "${name}" needs a server that honours If-Match on states; use it in-process meanwhile`)
    },
  }
}
