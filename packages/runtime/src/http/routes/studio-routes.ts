import type { PluginResponse, z } from '@parley/sdk'
import type { Context } from 'hono'
import { studioOperations, type StudioOperation, type StudioOperationName } from '../../api/studio/operations.js'
import type { LogQuery, LogRecord, StudioSource, TraceSummary } from '../../index.js'
import { RequestError } from '../errors/http-errors.js'
import type { HostedBot } from '../host.js'
import { itemStream } from '../sse/studio-streams.js'
import { botRoute, type Route } from './route.js'

type Ops = typeof studioOperations
type Input<O extends StudioOperation, K extends 'params' | 'query'> = O[K] extends z.ZodTypeAny ? z.output<O[K]> : undefined
interface Call<N extends StudioOperationName> {
  readonly studio: StudioSource
  readonly bot: HostedBot
  readonly params: Input<Ops[N], 'params'>
  readonly query: Input<Ops[N], 'query'>
  readonly c: Context
}
type Handlers = { readonly [N in StudioOperationName]: (call: Call<N>) => Promise<unknown> }

const DEFAULT_LIMIT = 100

/** Where each studio operation's answer comes from; the table says how it travels. */
function handlers(keepAliveMs: number): Handlers {
  return {
    getStudioOverview: async ({ studio }) => studio.overview(),
    getStudioMetrics: async ({ studio, query }) => ({ buckets: await studio.metrics(query.minutes ?? 60) }),
    searchStudioConversations: async ({ studio, query }) => ({ conversations: await studio.conversations({ ...query, limit: query.limit ?? DEFAULT_LIMIT, offset: query.offset ?? 0 }) }),
    listConversationTurns: async ({ studio, params, query }) => ({ turns: await studio.turns(params.conversationId, query.limit ?? DEFAULT_LIMIT) }),
    getTurn: async ({ studio, params }) => ({ turn: found(await studio.turn(params.turnId), 'TURN_NOT_FOUND', `no turn "${params.turnId}" is stored (traces are kept for a limited time)`) }),
    listStudioStates: async ({ studio, query }) => ({ states: await studio.states({ ...query, limit: query.limit ?? DEFAULT_LIMIT, offset: query.offset ?? 0 }) }),
    listJobs: async ({ studio, query }) => ({ jobs: await studio.jobs(query.status ?? 'scheduled', query.limit ?? DEFAULT_LIMIT) }),
    retryJob: async ({ studio, params }) => ({ job: found(await studio.retryJob(params.jobId), 'JOB_NOT_FOUND', jobGone(params.jobId)) }),
    cancelJob: async ({ studio, params }) => void found((await studio.cancelJob(params.jobId)) || undefined, 'JOB_NOT_FOUND', jobGone(params.jobId)),
    getWorkflowTimeline: async ({ studio, params }) => found(await studio.workflowTimeline(params.id), 'WORKFLOW_NOT_FOUND', `no workflow run "${params.id}"; list them with GET /v1/bots/:botId/workflows`),
    getStudioPluginPage: async ({ bot, params, query }) => pluginPage(bot, params.pluginId, query.path),
    listStudioLogs: async ({ studio, query }) => ({ logs: await studio.logs(logQuery(query)) }),
    streamTurns: async ({ studio, c }) => itemStream<TraceSummary>(c, 'turn', studio.onTurn, () => true, keepAliveMs),
    streamLogs: async ({ studio, query, c }) => itemStream<LogRecord>(c, 'log', studio.onLog, logFilter(query), keepAliveMs),
  }
}

/**
 * The page's own HTML, answered so that a browser runs it sandboxed (no access to the studio's origin,
 * its cookie or its pages) and lets only this server's pages frame it. Only a page the plugin registered
 * is served here (by its own route, for a plugin folder's routes.py); its other routes are not.
 */
async function pluginPage(bot: HostedBot, pluginId: string, path: string): Promise<Response> {
  const trim = (text: string) => text.replace(/^\/+|\/+$/g, '')
  const page = bot.plugins?.pages().find((entry) => entry.pluginId === pluginId && trim(entry.path) === trim(path))
  if (!page) throw new RequestError('PLUGIN_PAGE_NOT_FOUND', `plugin "${pluginId}" of bot "${bot.id}" adds no page "${path}"; GET /v1/bots/${bot.id}/plugins/pages lists them`)
  const answer = await bot.plugins!.handle(pluginId, { method: 'GET', path: page.route ?? `pages/${trim(page.path)}`, query: {}, headers: {}, body: '' })
  return pageResponse(answer)
}

/**
 * The page as the plugin answered it, status included: an error page shows as the error it is. The
 * headers are a copy: the server's response writes its content length into the object it is given.
 */
function pageResponse({ status = 200, body }: PluginResponse): Response {
  if (!Number.isInteger(status) || status < 200 || status > 599) throw new RequestError('ENDPOINT_FAILED', `the page answered status ${status}; use 200 to 599`)
  const empty = status === 204 || status === 304
  return new Response(empty ? null : typeof body === 'string' || body === undefined ? body ?? '' : new Uint8Array(body), { status, headers: { ...PAGE_HEADERS } })
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "sandbox allow-scripts allow-forms allow-popups; frame-ancestors 'self'",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
}

function logQuery(query: Input<Ops['listStudioLogs'], 'query'>): LogQuery {
  const { level, ...rest } = query
  return { ...rest, ...(level ? { minLevel: level } : {}), limit: query.limit ?? 500 }
}

const LEVELS = ['debug', 'info', 'warn', 'error']

function logFilter(query: Input<Ops['streamLogs'], 'query'>): (record: LogRecord) => boolean {
  const least = LEVELS.indexOf(query.level ?? 'debug')
  return (record) => LEVELS.indexOf(record.level) >= least && (query.source === undefined || record.source === query.source)
    && (query.conversationId === undefined || record.conversationId === query.conversationId)
}

function jobGone(id: number): string {
  return `no job ${id} to change: it ran, was cancelled, or is running now; list jobs with GET /v1/bots/:botId/studio/jobs`
}

function found<T>(value: T | undefined, code: 'TURN_NOT_FOUND' | 'JOB_NOT_FOUND' | 'WORKFLOW_NOT_FOUND', message: string): T {
  if (value === undefined) throw new RequestError(code, message)
  return value
}

function studioOf(bot: HostedBot): StudioSource {
  if (!bot.studio) throw new RequestError('STUDIO_UNAVAILABLE', `bot "${bot.id}" is served by a host that offers no studio data; serve it with createRuntimesHost`)
  return bot.studio
}

/** Every studio operation as a route, in the order of the table. */
export function studioRoutes(options: { readonly keepAliveMs: number }): Route[] {
  const byName = handlers(options.keepAliveMs) as Record<string, (call: Call<StudioOperationName>) => Promise<unknown>>
  return Object.entries(studioOperations).map(([operationId, operation]: [string, StudioOperation]) => {
    const { method, path, summary, params, query, success } = operation
    return botRoute({
      method, path, operationId, summary, tag: 'studio', access: 'token', params, ...(query ? { query } : {}), success,
      handle: ({ bot, params: given, query: asked, c }) => byName[operationId]!({ studio: studioOf(bot), bot, params: given, query: asked ?? {}, c } as Call<StudioOperationName>),
    })
  })
}
