import { Hono, type Context } from 'hono'
import { authenticate } from './auth/authenticate.js'
import { tokenRegistry } from './auth/tokens.js'
import { randomWebchatSecret, webchatKeys } from './auth/webchat-keys.js'
import { errorResponse } from './errors/error-body.js'
import { BodyTooLargeError, RequestError } from './errors/http-errors.js'
import { openApiDocument } from './openapi/document.js'
import { DEFAULT_BODY_LIMIT, DEFAULT_DEPLOYMENT_BODY_LIMIT, DEFAULT_INFO, DEFAULT_KEEP_ALIVE_MS, DEFAULT_WEBCHAT_KEY_TTL_MS, type HttpOptions } from './options.js'
import { apiRoutes } from './routes/index.js'
import { mountRoute } from './routes/mount.js'
import { mountPluginRoutes } from './routes/plugin-routes.js'
import { mountChatPage } from '../webchat/chat-page.js'
import { studioSessions } from './auth/studio-sessions.js'
import { mountStudioFiles } from './studio/static-files.js'

/** The runtime's HTTP API, `/openapi.json` and the chat page, over a host; serve it with `startHttpServer`. */
export function createHttpApp(options: HttpOptions): Hono {
  const app = new Hono()
  const keys = webchatKeys(options.webchatSecret ?? randomWebchatSecret(), { ttlMs: options.webchatKeyTtlMs ?? DEFAULT_WEBCHAT_KEY_TTL_MS })
  const credentials = { tokens: tokenRegistry(options.tokens ?? []), webchat: keys, sessions: studioSessions() }
  const deployments = options.deployments ? { host: options.deployments, bodyLimit: options.deploymentBodyLimit ?? DEFAULT_DEPLOYMENT_BODY_LIMIT } : undefined
  const routes = apiRoutes(options.host, { keys, keepAliveMs: options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS }, { studio: credentials, deployments })
  const document = openApiDocument(routes, { ...DEFAULT_INFO, ...options.info })
  const context = { host: options.host, credentials, bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT }
  for (const route of routes) mountRoute(app, route, context)
  app.get('/openapi.json', (c) => {
    authenticate(c, 'token', { botId: undefined, conversationId: undefined }, credentials)
    return c.json(document)
  })
  mountPluginRoutes(app, context)
  mountChatPage(app, options.host)
  mountStudioFiles(app, options.studioDir)
  app.notFound((c) => sendError(c, new RequestError('ROUTE_NOT_FOUND', `no route ${c.req.method} ${c.req.path}; /openapi.json lists them`)))
  app.onError((error, c) => sendError(c, error, options.onServerError ?? reportServerError))
  return app
}

function sendError(c: Context, error: unknown, report?: (error: unknown) => void): Response {
  const { status, body } = errorResponse(error)
  if (status === 500) report?.(error)
  if (status === 401) c.header('WWW-Authenticate', 'Bearer')
  // The rest of the body is still on its way: the connection cannot carry another request.
  if (error instanceof BodyTooLargeError && !error.drained) c.header('Connection', 'close')
  return c.json(body, status as 500)
}

function reportServerError(error: unknown): void {
  console.error('parley: request failed:', error)
}
