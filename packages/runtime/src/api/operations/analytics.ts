import { z } from '@parley/sdk'
import { botParams, name } from '../schemas/common.js'
import { analyticsCounter } from '../schemas/records.js'
import { describeOperations, type Wire } from './operation.js'

const path = '/v1/bots/:botId/analytics'
const tag = 'analytics'
const MAX_NAMES = 100

/** Usage counters, as Botpress plugins count things (`trackAnalytics`). */
export const analyticsOperations = describeOperations({
  trackAnalytics: {
    method: 'post', path, summary: 'Add to a named usage counter', tag,
    params: botParams,
    body: z.strictObject({ name, count: z.number().int().min(1).max(1_000_000).optional() }),
    success: { status: 200, schema: z.object({}) },
  },
  listAnalytics: {
    method: 'get', path, summary: 'Read usage counters: those named, or those whose name starts with a prefix', tag,
    params: botParams,
    query: z.object({ names: z.union([name, z.array(name).max(MAX_NAMES)]).optional(), prefix: z.string().max(200).optional() }),
    success: { status: 200, schema: z.object({ analytics: z.array(analyticsCounter) }) },
    // One name in a query string reads back as text, not a list.
    fromWire: (wire: Wire) => ({ ...wire, ...(typeof wire['names'] === 'string' ? { names: [wire['names']] } : {}) }) as { names?: string[]; prefix?: string },
  },
})
