import { z } from '@parley/sdk'
import { anyObject, botParams, idParams, pageQuery } from '../schemas/common.js'
import { event } from '../schemas/records.js'
import { botRoute, type Route } from './route.js'

const base = '/v1/bots/:botId/events'
const tag = 'events'
const one = z.object({ event })

const schedule = z.union([
  z.object({ delayMs: z.number().int().min(0) }).strict(),
  z.object({ at: z.string().datetime({ offset: true }) }).strict(),
]).describe('Deliver later: after delayMs milliseconds, or at an ISO time')

export const eventRoutes: readonly Route[] = [
  botRoute({
    method: 'post', path: base, operationId: 'createEvent', summary: 'Emit an event, now or scheduled', tag, access: 'token',
    params: botParams,
    body: z.strictObject({
      type: z.string().min(1),
      payload: anyObject,
      conversationId: z.string().min(1).optional(),
      userId: z.string().min(1).optional(),
      messageId: z.string().min(1).optional(),
      workflowId: z.string().min(1).optional().describe('A workflow this event moves on'),
      schedule: schedule.optional(),
    }),
    success: { status: 201, schema: one },
    handle: ({ client, body }) => client.createEvent(body),
  }),
  botRoute({
    method: 'get', path: base, operationId: 'listEvents', summary: 'List events, oldest first', tag, access: 'token',
    params: botParams,
    query: z.object({ type: z.string().optional(), conversationId: z.string().optional(), ...pageQuery }),
    success: { status: 200, schema: z.object({ events: z.array(event) }) },
    handle: ({ client, query }) => client.listEvents(query),
  }),
  botRoute({
    method: 'get', path: `${base}/:id`, operationId: 'getEvent', summary: 'Get an event', tag, access: 'token',
    params: idParams,
    success: { status: 200, schema: one },
    handle: ({ client, params }) => client.getEvent({ id: params.id }),
  }),
]
