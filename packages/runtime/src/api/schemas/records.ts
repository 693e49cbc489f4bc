import { z } from '@parley/sdk'
import { anyObject, tags } from './common.js'
import { component } from './component.js'

// The records the API returns, as the SDK's `records.ts` types describe them, each a named component of
// the OpenAPI document. Objects pass unknown fields through, so a runtime that adds a field does not break
// older clients.

const timestamps = { createdAt: z.string(), updatedAt: z.string() }

export const user = component('User', z.object({ id: z.string(), name: z.string().optional(), tags, ...timestamps }).passthrough())

export const conversation = component('Conversation', z.object({ id: z.string(), channel: z.string(), integration: z.string(), tags, ...timestamps }).passthrough())

export const message = component('Message', z.object({
  id: z.string(),
  type: z.string(),
  payload: anyObject,
  direction: z.enum(['incoming', 'outgoing']),
  userId: z.string(),
  conversationId: z.string(),
  tags,
  createdAt: z.string(),
}).passthrough())

export const event = component('Event', z.object({
  id: z.string(),
  botId: z.string(),
  type: z.string(),
  payload: anyObject,
  conversationId: z.string().optional(),
  userId: z.string().optional(),
  messageId: z.string().optional(),
  createdAt: z.string(),
}).passthrough())

export const stateType = z.enum(['bot', 'user', 'conversation', 'workflow'])

export const state = component('State', z.object({
  type: stateType,
  id: z.string(),
  name: z.string(),
  payload: anyObject,
  version: z.number().int().min(1).describe('1 on the first write, one more on each write; sent as the ETag too'),
  expiresAt: z.string().optional(),
  ...timestamps,
}).passthrough())

export const workflowStatus = z.enum(['pending', 'in_progress', 'completed', 'failed', 'cancelled', 'timed_out'])

export const workflow = component('Workflow', z.object({
  id: z.string(),
  name: z.string(),
  status: workflowStatus,
  input: anyObject,
  output: anyObject.optional(),
  error: z.string().optional(),
  conversationId: z.string().optional(),
  userId: z.string().optional(),
  timeoutAt: z.string().optional(),
  tags: tags.optional(),
  ...timestamps,
}).passthrough())

/** A table row: its declared columns beside the ones every row has. */
export const row = component('Row', z.object({ id: z.number().int(), ...timestamps }).passthrough())

export const botSummary = component('Bot', z.object({ id: z.string(), title: z.string().optional(), description: z.string().optional() }))

/** A file the bot stores; `url` is where the runtime's server serves its content. */
export const storedFile = component('File', z.object({
  id: z.string(),
  botId: z.string(),
  key: z.string(),
  url: z.string(),
  size: z.number().int().nullable(),
  contentType: z.string(),
  tags,
  index: z.boolean(),
  status: z.enum(['upload_pending', 'upload_completed', 'upload_failed', 'indexing_pending', 'indexing_completed', 'indexing_failed']),
  failedStatusReason: z.string().optional(),
  accessPolicies: z.array(z.enum(['public_content', 'integrations'])),
  expiresAt: z.string().optional(),
  ...timestamps,
}).passthrough())

/** A table code created at run time, with the JSON Schema of its rows. */
export const runtimeTable = component('RuntimeTable', z.object({ id: z.string(), name: z.string(), schema: anyObject, tags, ...timestamps }).passthrough())

/** A usage counter `trackAnalytics` adds to. */
export const analyticsCounter = component('AnalyticsCounter', z.object({ name: z.string(), count: z.number().int(), ...timestamps }))

/** A passage of an indexed file that matches a search. */
export const filePassage = component('FilePassage', z.object({
  content: z.string(),
  score: z.number(),
  meta: z.object({ type: z.string(), position: z.number().int() }).passthrough().optional(),
  file: z.object({ id: z.string(), key: z.string(), contentType: z.string(), tags, ...timestamps }),
}))
