import { z, type Schema } from '@parley/sdk'
import { LIMITS } from '../../guards/index.js'
import { botParams, id, name, offset, tagsQuery } from '../schemas/common.js'
import type { Method, Success } from '../operations/operation.js'
import {
  foundConversation, job, jobStatus, listedState, logLevel, logLine, metricsBucket, overview, timeline, trace, traceSummary,
} from './schemas.js'
import { stateType } from '../schemas/records.js'

/**
 * One route of Parley Studio: what the studio reads of a bot beyond its client (traces, metrics, logs,
 * jobs). The server mounts each from this table, the OpenAPI document describes it, and the HTTP client's
 * `studio` calls are derived from it; the handler of each is in `http/routes/studio-routes.ts`, by name.
 */
export interface StudioOperation {
  readonly method: Method
  readonly path: string
  readonly summary: string
  readonly params: Schema
  readonly query?: Schema
  readonly body?: Schema
  readonly success: Success
}

const base = '/v1/bots/:botId/studio'
const many = (n: number) => z.coerce.number().int().min(1).max(n)
const conversationParams = botParams.extend({ conversationId: id })

export const studioOperations = {
  getStudioOverview: {
    method: 'get', path: `${base}/overview`, summary: "The bot's plugins and integrations (secrets masked), admin pages and entity schemas",
    params: botParams, success: { status: 200, schema: overview },
  },
  getStudioMetrics: {
    method: 'get', path: `${base}/metrics`, summary: 'Turns, failed turns and p50/p99 turn latency per minute, oldest first',
    params: botParams, query: z.object({ minutes: many(24 * 60).optional().describe('How many minutes back, up to now (1–1440, 60 by default)') }),
    success: { status: 200, schema: z.object({ buckets: z.array(metricsBucket) }) },
  },
  searchStudioConversations: {
    method: 'get', path: `${base}/conversations`, summary: 'Conversations by user, tags and creation date, newest first',
    params: botParams,
    query: z.object({
      userId: id.optional().describe('Only conversations this user sent or was sent a message in'),
      tags: tagsQuery.optional(),
      from: z.string().datetime({ offset: true }).optional().describe('Created at or after'),
      to: z.string().datetime({ offset: true }).optional().describe('Created before'),
      limit: many(LIMITS.pageSize).optional(), offset,
    }),
    success: { status: 200, schema: z.object({ conversations: z.array(foundConversation) }) },
  },
  listConversationTurns: {
    method: 'get', path: `${base}/conversations/:conversationId/turns`, summary: "A conversation's latest turns with their traces, oldest first",
    params: conversationParams, query: z.object({ limit: many(LIMITS.pageSize).optional() }),
    success: { status: 200, schema: z.object({ turns: z.array(trace) }) },
  },
  getTurn: {
    method: 'get', path: `${base}/turns/:turnId`, summary: 'One turn with its trace',
    params: botParams.extend({ turnId: id }), success: { status: 200, schema: z.object({ turn: trace }) },
  },
  listStudioStates: {
    method: 'get', path: `${base}/states`, summary: 'States by type, owner id and name, with their versions and expiry',
    params: botParams,
    query: z.object({ type: stateType.optional(), id: id.optional(), name: name.optional(), limit: many(LIMITS.pageSize).optional(), offset }),
    success: { status: 200, schema: z.object({ states: z.array(listedState) }) },
  },
  listJobs: {
    method: 'get', path: `${base}/jobs`, summary: 'Scheduled, recurring or failed jobs, soonest first',
    params: botParams, query: z.object({ status: jobStatus.optional().describe('scheduled by default'), limit: many(LIMITS.pageSize).optional() }),
    success: { status: 200, schema: z.object({ jobs: z.array(job) }) },
  },
  retryJob: {
    method: 'post', path: `${base}/jobs/:jobId/retry`, summary: 'Run a job now, as new (a failed one too)',
    params: botParams.extend({ jobId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
    success: { status: 200, schema: z.object({ job }) },
  },
  cancelJob: {
    method: 'delete', path: `${base}/jobs/:jobId`, summary: 'Cancel a job (not one running now)',
    params: botParams.extend({ jobId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
    success: { status: 204 },
  },
  getWorkflowTimeline: {
    method: 'get', path: `${base}/workflows/:id/timeline`, summary: 'A workflow run: started, the events of its conversation, its timeout, how it ended',
    params: botParams.extend({ id }), success: { status: 200, schema: timeline },
  },
  getStudioPluginPage: {
    method: 'get', path: `${base}/plugin-pages/:pluginId`,
    summary: "A page a plugin adds to the dashboard, for the studio to show in a sandboxed frame: the page's scripts run in an origin of their own, and only this server may frame it",
    params: botParams.extend({ pluginId: name.describe("The plugin's alias in the bot") }),
    query: z.object({ path: z.string().min(1).max(LIMITS.nameLength).describe('The page\'s path as the plugin registered it (`GET /v1/bots/:botId/plugins/pages` lists them)') }),
    success: { status: 200, contentType: 'text/html', description: 'The page' },
  },
  listStudioLogs: {
    method: 'get', path: `${base}/logs`, summary: 'Log lines, oldest first, each naming its turn',
    params: botParams,
    query: z.object({
      level: logLevel.optional().describe('This level and above'), source: z.string().min(1).max(LIMITS.nameLength).optional().describe('`bot`, `runtime` or a package alias'),
      conversationId: id.optional(), turnId: id.optional(),
      after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('Only lines after this seq'),
      limit: many(LIMITS.pageSize).optional(),
    }),
    success: { status: 200, schema: z.object({ logs: z.array(logLine) }) },
  },
  streamTurns: {
    method: 'get', path: `${base}/stream/turns`, summary: 'Server-sent events: `ready`, then `turn` (a TurnSummary) per stored turn',
    params: botParams, success: { status: 200, contentType: 'text/event-stream', description: '`ready`, then one `turn` event per turn' },
  },
  streamLogs: {
    method: 'get', path: `${base}/stream/logs`, summary: 'Server-sent events: `ready`, then `log` (a LogLine) per line',
    params: botParams,
    query: z.object({ level: logLevel.optional(), source: z.string().min(1).max(LIMITS.nameLength).optional(), conversationId: id.optional() }),
    success: { status: 200, contentType: 'text/event-stream', description: '`ready`, then one `log` event per line' },
  },
} as const satisfies Record<string, StudioOperation>

export type StudioOperationName = keyof typeof studioOperations

/** Logging in to the studio: an API token exchanged for a session cookie. */
export const studioSession = {
  body: z.strictObject({ token: z.string().min(1).max(1024).describe('An API token (from PARLEY_API_TOKENS)') }),
  result: z.object({ scope: z.string().describe('`admin` or `bot:<id>`') }),
}

export { traceSummary }
