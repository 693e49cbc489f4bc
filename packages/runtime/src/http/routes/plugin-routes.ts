import type { PluginRequest, PluginResponse } from '@parley/sdk'
import type { Context, Hono } from 'hono'
import { dictionary } from '../../guards/index.js'
import { authenticate } from '../auth/authenticate.js'
import { describeScope } from '../auth/tokens.js'
import { RequestError, botNotFound } from '../errors/http-errors.js'
import type { HostedBot, PluginHost } from '../host.js'
import { readBodyText } from '../request/read-body.js'
import type { MountContext } from './mount.js'
import { rateLimiter, type RateLimiter } from './rate-limit.js'

/** Errors that mean there is nothing at this address, rather than a handler that failed. */
const NOT_HERE = new Set(['NAME_UNKNOWN', 'NOT_FOUND'])

/**
 * Plugins' own routes, one mount for every kind: a createPlugin plugin's endpoints, webhooks and pages,
 * and a plugin folder's `routes.py` (its `routes` prefix). `/api/plugins/:pluginId/<path>` for the bot this
 * server runs (when it runs one), and `/v1/bots/:botId/plugins/:pluginId/<path>` for any. A route the plugin marks `token` needs an API
 * token covering the bot (401, 403 as for the API); the others are public and rate-limited per caller.
 * A handler that throws is answered 500 in JSON, and the bot runs on. `GET /v1/bots/:botId/plugins/pages`
 * (in `plugin-pages.ts`, a route of the table) lists the plugins' dashboard pages.
 */
export function mountPluginRoutes(app: Hono, context: MountContext): void {
  const limiter = rateLimiter()
  app.all('/v1/bots/:botId/plugins/:pluginId/:path{.+}', (c) => serve(c, context, limiter, findBot(context, c.req.param('botId'))))
  app.all('/api/plugins/:pluginId/:path{.+}', (c) => serve(c, context, limiter, onlyBot(context)))
}

async function serve(c: Context, context: MountContext, limiter: RateLimiter, bot: HostedBot): Promise<Response> {
  const pluginId = c.req.param('pluginId')!
  const path = `/${c.req.param('path')}`
  // An encoded slash or backslash is part of a name, not a separator: no route has one.
  if (/%2f|%5c/i.test(new URL(c.req.url).pathname)) throw notFound(c.req.method, pluginId, path)
  const plugins = pluginsOf(bot)
  const access = routeAccess(plugins, pluginId, c.req.method, path)
  const user = access === 'token' ? tokenUser(c, context, bot.id) : limit(c, limiter, pluginId)
  const request: PluginRequest = {
    method: c.req.method, path, query: queryOf(c.req.url), headers: forwardedHeaders(c.req.raw.headers, access),
    body: await readBodyText(c, context.bodyLimit, false), ...(user ? { user } : {}),
  }
  return toResponse(await run(() => plugins.handle(pluginId, request), pluginId))
}

function routeAccess(plugins: PluginHost, pluginId: string, method: string, path: string): 'token' | 'public' {
  let access: 'token' | 'public' | undefined
  try {
    access = plugins.access(pluginId, method, path)
  } catch (error) {
    if (NOT_HERE.has(String((error as { code?: unknown }).code))) throw notFound(method, pluginId, path)
    throw error
  }
  if (!access) throw notFound(method, pluginId, path)
  return access
}

/** A token route's caller credential stays with the server: the plugin gets the other headers. */
function forwardedHeaders(headers: Headers, access: 'token' | 'public'): Record<string, string> {
  const kept = dictionary<string>()
  for (const [header, value] of headers) if (access === 'public' || (header !== 'authorization' && header !== 'cookie')) kept[header] = value
  return kept
}

function tokenUser(c: Context, context: MountContext, botId: string): { id: string } {
  const principal = authenticate(c, 'token', { botId, conversationId: undefined }, context.credentials)
  // Tokens carry a scope, not a name: the scope says who this is (`admin`, `bot:<id>`).
  return { id: principal.kind === 'token' ? describeScope(principal.scope) : 'anonymous' }
}

function limit(c: Context, limiter: RateLimiter, pluginId: string): undefined {
  const caller = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || remoteAddress(c)
  if (!limiter.allow(`${pluginId}\u0000${caller}`)) throw new RequestError('RATE_LIMITED', `too many requests to plugin "${pluginId}" from ${caller}; wait a minute and try again`)
  return undefined
}

function remoteAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
  return incoming?.socket?.remoteAddress ?? 'unknown'
}

async function run(handle: () => Promise<PluginResponse>, pluginId: string): Promise<PluginResponse> {
  try {
    return await handle()
  } catch (error) {
    throw Object.assign(new RequestError('ENDPOINT_FAILED', `an endpoint of plugin "${pluginId}" failed; the server's log has the details`), { cause: error })
  }
}

function toResponse({ status = 200, headers = {}, body }: PluginResponse): Response {
  if (!Number.isInteger(status) || status < 200 || status > 599) throw new RequestError('ENDPOINT_FAILED', `the endpoint answered status ${status}; use 200 to 599`)
  const empty = status === 204 || status === 304
  return new Response(empty ? null : body ?? null, { status, headers: { ...headers } })
}

function pluginsOf(bot: HostedBot): PluginHost {
  return bot.plugins ?? { access: () => undefined, handle: () => Promise.reject(new RequestError('PLUGIN_ROUTE_NOT_FOUND', 'this server serves no plugin routes')), pages: () => [] }
}

function findBot(context: MountContext, botId: string | undefined): HostedBot {
  const bot = botId === undefined ? undefined : context.host.bot(botId)
  if (!bot) throw botNotFound(String(botId))
  return bot
}

/** `/api/plugins/…` names no bot: it is the one this server runs. */
function onlyBot(context: MountContext): HostedBot {
  const bots = context.host.bots()
  if (bots.length === 1) return bots[0]!
  throw new RequestError('PLUGIN_ROUTE_NOT_FOUND', `this server runs ${bots.length} bots; name one: /v1/bots/:botId/plugins/:pluginId/…`)
}

function notFound(method: string, pluginId: string, path: string): RequestError {
  return new RequestError('PLUGIN_ROUTE_NOT_FOUND', `plugin "${pluginId}" serves no ${method} ${path}; check the plugin id (its alias in the bot) and its endpoints`)
}

function queryOf(url: string): Record<string, string> {
  const query = dictionary<string>()
  for (const [key, value] of new URL(url).searchParams) query[key] ??= value
  return query
}
