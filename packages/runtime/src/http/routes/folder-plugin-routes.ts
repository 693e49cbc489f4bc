import { z, type FolderHttpRequest, type FolderHttpResponse } from '@parley/sdk'
import type { Context } from 'hono'
import { dictionary } from '../../guards/index.js'
import { botParams, name } from '../../api/schemas/common.js'
import { RequestError } from '../errors/http-errors.js'
import type { HostedBot } from '../host.js'
import { botRoute, type Method, type Route } from './route.js'

const base = '/v1/bots/:botId/plugins/:alias/routes'
const params = botParams.extend({ alias: name })
const rest = params.extend({ path: z.string().min(1).describe('Any rest of the path, slashes included') })
const success = { status: 200, contentType: '*/*', description: "Whatever the plugin's Flask route answers: its status, headers and body" } as const
const summary = "Hand a request to the routes.py (a Flask blueprint) of the plugin folder added under this alias; the path below …/routes is the blueprint's"
const METHODS: readonly Method[] = ['get', 'post', 'put', 'patch', 'delete']

/**
 * A plugin folder's `routes.py`, under `/v1/bots/:botId/plugins/:alias/routes/…`: every method, the
 * address itself and any path below it. They need an API token for the bot, like the rest of its API:
 * the blueprint cannot say which of its routes are meant to be public.
 */
export const folderPluginRoutes: readonly Route[] = METHODS.flatMap((method) => [
  botRoute({
    method, path: base, operationId: `${method}FolderPluginRoot`, summary, tag: 'plugins', access: 'token', params, success,
    ...(method === 'get' || method === 'delete' ? {} : { body: 'raw' as const }),
    handle: ({ bot, params, body, c }) => forward(c, bot, params.alias, '/', body),
  }),
  botRoute({
    method, path: `${base}/:path{.+}`, operationId: `${method}FolderPluginPath`, summary, tag: 'plugins', access: 'token', params: rest, success,
    ...(method === 'get' || method === 'delete' ? {} : { body: 'raw' as const }),
    handle: ({ bot, params, body, c }) => forward(c, bot, params.alias, `/${params.path}`, body),
  }),
])

/** Answers with what Flask answered; a plugin that is not there is 404, a Python that failed is 500. */
async function forward(c: Context, bot: HostedBot, alias: string, path: string, body: unknown): Promise<Response> {
  const request: FolderHttpRequest = {
    method: c.req.method, path, query: queryOf(c.req.url), headers: forwardedHeaders(c.req.raw.headers), ...(typeof body === 'string' ? { body } : {}),
  }
  try {
    if (!bot.handleFolderRoute) throw Object.assign(new Error('no plugin folders here'), { code: 'NAME_UNKNOWN' })
    return toResponse(await bot.handleFolderRoute(alias, request))
  } catch (error) {
    if ((error as { code?: unknown }).code === 'NAME_UNKNOWN') throw new RequestError('PLUGIN_ROUTE_NOT_FOUND', `no plugin routes are served at ${c.req.path}; check the bot id and the alias of a plugin folder with a routes.py`)
    throw Object.assign(new RequestError('PLUGIN_ROUTE_FAILED', `the routes.py of plugin "${alias}" failed; the server's log has the details`), { cause: error })
  }
}

function toResponse({ status, headers, body }: FolderHttpResponse): Response {
  const kept = Object.entries(headers).filter(([header]) => !/^(content-length|transfer-encoding|connection)$/i.test(header))
  return new Response(status === 204 || status === 304 ? null : new Uint8Array(body), { status, headers: kept })
}

/** The caller's credential stays with the server: the blueprint gets the other headers. */
function forwardedHeaders(headers: Headers): Record<string, string> {
  const kept = dictionary<string>()
  for (const [header, value] of headers) if (header !== 'authorization' && header !== 'cookie') kept[header] = value
  return kept
}

function queryOf(url: string): Record<string, string> {
  const query = dictionary<string>()
  for (const [key, value] of new URL(url).searchParams) query[key] ??= value
  return query
}
