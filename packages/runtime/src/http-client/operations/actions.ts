import type { Client } from '@parley/sdk'
import type { Transport } from '../transport.js'

export function actionOperations(t: Transport): Pick<Client, 'callAction'> {
  return {
    callAction: async (request) => (await t.call<{ output: never }>('post', 'actions/call', { json: request })).output,
  }
}
