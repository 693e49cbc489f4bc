import type { Client } from '@parley/sdk'
import { path } from '../path.js'
import type { Transport } from '../transport.js'

export function eventOperations(t: Transport): Pick<Client, 'createEvent' | 'getEvent' | 'listEvents'> {
  return {
    createEvent: (request) => t.call('post', 'events', { json: request }),
    getEvent: ({ id }) => t.call('get', path`events/${id}`),
    listEvents: (query = {}) => t.call('get', 'events', { query }),
  }
}
