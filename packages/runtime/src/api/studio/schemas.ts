import { z } from '@parley/sdk'
import { anyObject, tags } from '../schemas/common.js'
import { component } from '../schemas/component.js'
import { stateType, workflow } from '../schemas/records.js'

const jsonSchema = anyObject.describe('A JSON Schema, with zui metadata where the package gave some')
const traceError = z.object({ message: z.string(), stack: z.string().optional() })
const timed = { owner: z.string().describe('`bot`, or the alias of the plugin or integration'), name: z.string(), startMs: z.number(), durationMs: z.number(), error: traceError.optional() }

export const traceStep = z.union([
  z.object({ kind: z.literal('hook'), hook: z.string(), result: z.enum(['ok', 'changed', 'stopped', 'error']), ...timed }),
  z.object({ kind: z.literal('handler'), handler: z.string(), result: z.enum(['ok', 'error']), ...timed }),
  z.object({ kind: z.literal('action'), result: z.enum(['ok', 'error']), ...timed }),
  z.object({ kind: z.literal('event'), name: z.string(), eventId: z.string(), startMs: z.number() }),
  z.object({ kind: z.enum(['stateRead', 'stateWrite']), stateType: z.string(), id: z.string(), name: z.string(), startMs: z.number() }),
  z.object({ kind: z.literal('message'), messageId: z.string(), type: z.string(), startMs: z.number() }),
  z.object({ kind: z.literal('omitted'), count: z.number().int().describe('Steps the turn took past the first 1,000, not kept'), startMs: z.number() }),
]).describe('One thing a turn did; startMs counts from the start of the turn')

const summaryFields = {
  turnId: z.string(),
  kind: z.enum(['message', 'event', 'job', 'action', 'call']),
  conversationId: z.string().optional(),
  messageId: z.string().optional(),
  eventId: z.string().optional(),
  workflowId: z.string().optional().describe('The workflow whose handlers the turn ran'),
  startedAt: z.string(),
  durationMs: z.number(),
  failed: z.boolean(),
}

export const traceSummary = component('TurnSummary', z.object(summaryFields))
export const trace = component('Turn', z.object({ ...summaryFields, steps: z.array(traceStep) }))

const packageOverview = z.object({
  alias: z.string(), name: z.string(), version: z.string(),
  configuration: anyObject.describe('The configuration, values under secret names replaced by ••••••'),
  adminPages: z.array(z.unknown()),
})

export const overview = z.object({
  plugins: z.array(packageOverview),
  integrations: z.array(packageOverview),
  states: z.array(z.object({ name: z.string(), type: z.string(), expiryMs: z.number().optional(), schema: jsonSchema })),
  tables: z.array(z.object({ name: z.string(), schema: jsonSchema })),
  events: z.array(z.object({ name: z.string(), schema: jsonSchema })),
  actions: z.array(z.object({ name: z.string(), input: jsonSchema, output: jsonSchema })),
  workflows: z.array(z.object({ name: z.string(), input: jsonSchema, output: jsonSchema })),
})

export const metricsBucket = z.object({ at: z.string(), turns: z.number().int(), failures: z.number().int(), p50Ms: z.number(), p99Ms: z.number() })

export const foundConversation = z.object({
  id: z.string(), channel: z.string(), integration: z.string(), tags, createdAt: z.string(), updatedAt: z.string(), lastMessageAt: z.string().optional(),
})

export const listedState = z.object({
  type: stateType, id: z.string(), name: z.string(), version: z.number().int(), payload: z.unknown(),
  expiresAt: z.string().optional(), createdAt: z.string(), updatedAt: z.string(),
})

export const jobStatus = z.enum(['scheduled', 'recurring', 'failed'])

export const job = component('Job', z.object({
  id: z.number().int(), kind: z.string(), key: z.string().optional(), payload: anyObject, runAt: z.string(), attempts: z.number().int(),
  lastError: z.string().optional(), failedAt: z.string().optional(),
}))

export const logLevel = z.enum(['debug', 'info', 'warn', 'error'])

export const logLine = component('LogLine', z.object({
  seq: z.number().int(), createdAt: z.string(), level: logLevel, audience: z.enum(['developer', 'bot']), source: z.string(), message: z.string(),
  data: anyObject.optional(), conversationId: z.string().optional(), userId: z.string().optional(), messageId: z.string().optional(),
  eventId: z.string().optional(), turnId: z.string().optional(),
}))

export const timeline = z.object({
  workflow,
  entries: z.array(z.object({
    at: z.string(), kind: z.enum(['started', 'turn', 'event', 'timeout', 'finished']), summary: z.string(),
    eventId: z.string().optional(), turnId: z.string().optional().describe('A turn that ran the workflow\'s handlers'), failed: z.boolean().optional(),
  })),
})
