import { z } from '@parley/sdk'
import { anyObject, botParams, id, idParams, name, pageQuery } from '../schemas/common.js'
import { event } from '../schemas/records.js'
import { LIMITS } from '../../guards/index.js'
import { describeOperations } from './operation.js'

const base = '/v1/bots/:botId/events'
const one = z.object({ event })

const schedule = z.union([
  z.object({ delayMs: z.number().int().min(0).max(LIMITS.durationMs) }).strict(),
  z.object({ at: z.string().datetime({ offset: true }) }).strict(),
]).describe('Deliver later: after delayMs milliseconds, or at an ISO time')

export const eventOperations = describeOperations({
  createEvent: {
    method: 'post', path: base, summary: 'Emit an event, now or scheduled', tag: 'events',
    params: botParams,
    body: z.strictObject({
      type: name,
      payload: anyObject,
      conversationId: id.optional(),
      userId: id.optional(),
      messageId: id.optional(),
      workflowId: id.optional().describe('A workflow this event moves on'),
      schedule: schedule.optional(),
    }),
    success: { status: 201, schema: one },
  },
  listEvents: {
    method: 'get', path: base, summary: 'List events, oldest first', tag: 'events',
    params: botParams,
    query: z.object({
      type: name.optional(), conversationId: id.optional(),
      status: z.enum(['pending', 'scheduled', 'processed', 'failed']).optional().describe('scheduled: not yet due; pending: due, not yet handled'),
      ...pageQuery,
    }),
    success: { status: 200, schema: z.object({ events: z.array(event) }) },
  },
  getEvent: {
    method: 'get', path: `${base}/:id`, summary: 'Get an event', tag: 'events',
    params: idParams,
    success: { status: 200, schema: one },
  },
})
