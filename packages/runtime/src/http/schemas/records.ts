import { z } from '@parley/sdk'
import { anyObject, tags } from './common.js'

// The records the API returns, as the SDK's `records.ts` types describe them. Objects pass unknown fields
// through, so a runtime that adds a field does not break older clients.

const timestamps = { createdAt: z.string(), updatedAt: z.string() }

export const user = z.object({ id: z.string(), name: z.string().optional(), tags, ...timestamps }).passthrough()

export const conversation = z.object({ id: z.string(), channel: z.string(), tags, ...timestamps }).passthrough()

export const message = z.object({
  id: z.string(),
  type: z.string(),
  payload: anyObject,
  direction: z.enum(['incoming', 'outgoing']),
  userId: z.string(),
  conversationId: z.string(),
  tags,
  createdAt: z.string(),
}).passthrough()

export const event = z.object({
  id: z.string(),
  botId: z.string(),
  type: z.string(),
  payload: anyObject,
  conversationId: z.string().optional(),
  userId: z.string().optional(),
  messageId: z.string().optional(),
  createdAt: z.string(),
}).passthrough()

export const stateType = z.enum(['bot', 'user', 'conversation', 'workflow'])

export const state = z.object({
  type: stateType,
  id: z.string(),
  name: z.string(),
  payload: anyObject,
  expiresAt: z.string().optional(),
  ...timestamps,
}).passthrough()

export const workflowStatus = z.enum(['pending', 'in_progress', 'completed', 'failed', 'cancelled', 'timed_out'])

export const workflow = z.object({
  id: z.string(),
  name: z.string(),
  status: workflowStatus,
  input: anyObject,
  output: anyObject.optional(),
  error: z.string().optional(),
  conversationId: z.string().optional(),
  userId: z.string().optional(),
  timeoutAt: z.string().optional(),
  ...timestamps,
}).passthrough()

/** A table row: its declared columns beside the ones every row has. */
export const row = z.object({ id: z.number().int(), ...timestamps }).passthrough()

export const botSummary = z.object({ id: z.string(), title: z.string().optional(), description: z.string().optional() })
