import type { PluginRequest, PluginResponse, PluginRoute, PluginRouteMethod } from '../implementation/plugin-routes.js'
import type { FolderHttpRequest, FolderHttpResponse } from './python-bridge.js'

/** Where a folder's `routes.py` is served, below the plugin's own address. */
export const FOLDER_ROUTES_PATH = 'routes'

const METHODS: readonly PluginRouteMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

/**
 * A folder's `routes.py` as the plugin's routes: every method at `routes` and below, behind the bot's API
 * token (a blueprint cannot say which of its routes are meant to be public). The blueprint sees the path
 * below `routes`.
 */
export function folderRoutes(http: (request: FolderHttpRequest) => Promise<FolderHttpResponse>): PluginRoute[] {
  return METHODS.map((method) => ({
    method, path: FOLDER_ROUTES_PATH, prefix: true, access: 'token', description: "the folder's routes.py",
    handler: async ({ request }) => toPluginResponse(await http(toFolderRequest(request))),
  }))
}

function toFolderRequest(request: PluginRequest): FolderHttpRequest {
  const below = request.path.replace(/^\/*routes/, '') || '/'
  return { method: request.method, path: below, query: request.query, headers: request.headers, ...(request.method === 'GET' || request.method === 'DELETE' ? {} : { body: request.body }) }
}

function toPluginResponse({ status, headers, body }: FolderHttpResponse): PluginResponse {
  const kept = Object.fromEntries(Object.entries(headers).filter(([header]) => !/^(content-length|transfer-encoding|connection)$/i.test(header)))
  return { status, headers: kept, body }
}
