import type { Client } from '@parley/sdk'
import { path } from '../path.js'
import type { Transport } from '../transport.js'

export function workflowOperations(t: Transport): Pick<Client, 'startWorkflow' | 'getWorkflow' | 'updateWorkflow' | 'listWorkflows'> {
  return {
    startWorkflow: (request) => t.call('post', 'workflows', { json: request }),
    getWorkflow: ({ id }) => t.call('get', path`workflows/${id}`),
    updateWorkflow: ({ id, ...changes }) => t.call('patch', path`workflows/${id}`, { json: changes }),
    listWorkflows: (query = {}) => t.call('get', 'workflows', { query }),
  }
}
