import { z } from '@parley/sdk'
import { anyObject, botParams, idParams } from '../schemas/common.js'
import { workflow } from '../schemas/records.js'
import { botRoute, type Route } from './route.js'

const base = '/v1/bots/:botId/workflows'
const tag = 'workflows'
const one = z.object({ workflow })

export const workflowRoutes: readonly Route[] = [
  botRoute({
    method: 'post', path: base, operationId: 'startWorkflow', summary: 'Start a workflow', tag, access: 'token',
    params: botParams,
    body: z.strictObject({
      name: z.string().min(1),
      input: anyObject,
      conversationId: z.string().min(1).optional(),
      userId: z.string().min(1).optional(),
      timeoutMs: z.number().int().positive().optional(),
    }),
    success: { status: 201, schema: one },
    handle: ({ client, body }) => client.startWorkflow(body),
  }),
  botRoute({
    method: 'get', path: base, operationId: 'listWorkflows', summary: 'List workflows', tag, access: 'token',
    params: botParams,
    query: z.object({ name: z.string().optional(), status: z.string().optional(), conversationId: z.string().optional() }),
    success: { status: 200, schema: z.object({ workflows: z.array(workflow) }) },
    handle: ({ client, query }) => client.listWorkflows(query),
  }),
  botRoute({
    method: 'get', path: `${base}/:id`, operationId: 'getWorkflow', summary: 'Get a workflow', tag, access: 'token',
    params: idParams,
    success: { status: 200, schema: one },
    handle: ({ client, params }) => client.getWorkflow({ id: params.id }),
  }),
  botRoute({
    method: 'patch', path: `${base}/:id`, operationId: 'updateWorkflow', summary: 'Continue a workflow, or finish it with output, failure or cancellation', tag, access: 'token',
    params: idParams,
    body: z.strictObject({ status: z.enum(['in_progress', 'completed', 'failed', 'cancelled']).optional(), output: anyObject.optional(), error: z.string().optional() }),
    success: { status: 200, schema: one },
    handle: ({ client, params, body }) => client.updateWorkflow({ id: params.id, ...body }),
  }),
]
