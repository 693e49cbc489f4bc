import { z } from '@parley/sdk'
import { anyObject, botParams, duration, id, idParams, name, pageQuery, tagsInput, tagsQuery } from '../schemas/common.js'
import { workflow, workflowStatus } from '../schemas/records.js'
import { describeOperations } from './operation.js'

const base = '/v1/bots/:botId/workflows'
const tag = 'workflows'
const one = z.object({ workflow })
const isoDate = z.string().datetime({ offset: true })

export const workflowOperations = describeOperations({
  startWorkflow: {
    method: 'post', path: base, summary: 'Start a workflow', tag,
    params: botParams,
    body: z.strictObject({ name, input: anyObject, conversationId: id.optional(), userId: id.optional(), timeoutMs: duration.optional(), timeoutAt: isoDate.optional(), tags: tagsInput.optional() }),
    success: { status: 201, schema: one },
  },
  listWorkflows: {
    method: 'get', path: base, summary: 'List workflows', tag,
    params: botParams,
    query: z.object({
      name: name.optional(), status: z.union([workflowStatus, z.array(workflowStatus).max(6)]).optional(), conversationId: id.optional(), userId: id.optional(),
      tags: tagsQuery.optional(), ...pageQuery,
    }),
    success: { status: 200, schema: z.object({ workflows: z.array(workflow) }) },
  },
  getWorkflow: {
    method: 'get', path: `${base}/:id`, summary: 'Get a workflow', tag,
    params: idParams,
    success: { status: 200, schema: one },
  },
  updateWorkflow: {
    method: 'patch', path: `${base}/:id`, summary: 'Continue a workflow, or finish it with output, failure or cancellation', tag,
    params: idParams,
    body: z.strictObject({ status: z.enum(['in_progress', 'completed', 'failed', 'cancelled']).optional(), output: anyObject.optional(), error: z.string().max(10_000).optional(),
      tags: tagsInput.optional(), timeoutAt: isoDate.optional(),
    }),
    success: { status: 200, schema: one },
  },
})
