import type { PluginRequest, PluginResponse, PluginRoute, PluginRouteProps } from '../implementation/plugin-routes.js'
import type { ListenerRegistry } from './event-bus.js'
import { pluginContext } from './context.js'
import type { EndpointRequest, EndpointResponse, PluginEndpoint } from './types.js'

/** An endpoint as a plugin route under `endpoints/`, with the seed's `req`/`res` around Parley's request and response. */
export function endpointRoute(endpoint: PluginEndpoint, registry: ListenerRegistry): PluginRoute {
  return {
    method: endpoint.method,
    path: `endpoints/${endpoint.path.replace(/^\/+/, '')}`,
    access: endpoint.auth ? 'token' : 'public',
    ...(endpoint.description ? { description: endpoint.description } : {}),
    handler: async (props) => {
      const { res, response } = responder()
      // An authenticated endpoint's route needs a token, so its request always names the token.
      await endpoint.handler(requestOf(props, registry) as EndpointRequest & { readonly user: { readonly id: string } }, res)
      return response()
    },
  }
}

function requestOf(props: PluginRouteProps, registry: ListenerRegistry): EndpointRequest {
  const { request } = props
  return {
    method: request.method, path: request.path, query: request.query, headers: request.headers,
    body: bodyOf(request), rawBody: request.body,
    ...(request.user ? { user: request.user } : {}),
    context: pluginContext(props, registry),
  }
}

/** JSON when the request says so (a malformed body reads as its text, for the endpoint to judge). */
function bodyOf(request: PluginRequest): unknown {
  if (!(request.headers['content-type'] ?? '').includes('json') || request.body === '') return request.body === '' ? undefined : request.body
  try {
    return JSON.parse(request.body)
  } catch {
    return request.body
  }
}

/** An express-like `res`: the endpoint sets status and headers, then sends JSON or text once. */
function responder(): { res: EndpointResponse; response: () => PluginResponse } {
  let status = 200
  const headers: Record<string, string> = {}
  let body: string | undefined
  const res: EndpointResponse = {
    status: (code) => ((status = code), res),
    set: (header, value) => ((headers[header.toLowerCase()] = value), res),
    json: (value) => {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(value ?? null)
    },
    send: (text) => void (body = String(text)),
  }
  return { res, response: () => (body === undefined ? { status: status === 200 ? 204 : status, headers } : { status, headers, body }) }
}
