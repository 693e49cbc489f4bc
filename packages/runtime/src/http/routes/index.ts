import type { RuntimeHost } from '../host.js'
import { botRoutes, healthRoute } from './bots.js'
import { clientRoutes } from './client-routes.js'
import { deploymentRoutes } from './deployments.js'
import type { DeploymentHost } from '../deployments.js'
import { fileContentRoute, fileUploadRoute } from './files.js'
import { incomingMessageRoute } from './incoming.js'
import type { Route } from './route.js'
import { studioRoutes } from './studio-routes.js'
import { studioSessionRoutes } from './studio-session.js'
import type { StudioSessions } from '../auth/studio-sessions.js'
import type { TokenRegistry } from '../auth/tokens.js'
import { webchatRoutes, type WebchatRouteOptions } from './webchat.js'
import { webhookRoutes } from './webhooks.js'
import { pluginPagesRoute } from './plugin-pages.js'

export interface StudioRouteOptions {
  readonly tokens: TokenRegistry
  readonly sessions: StudioSessions
}

/** What the routes beyond a bot's own API need: Studio's logins, and deployments when this runtime takes them. */
export interface ApiRouteOptions {
  readonly studio: StudioRouteOptions
  readonly deployments?: { readonly host: DeploymentHost; readonly bodyLimit: number }
}

/**
 * Every API route, in the order the OpenAPI document lists them: each method of `Client` (from the table
 * in `operations/`), and the routes that are not client calls. A new route is one more entry here.
 */
export function apiRoutes(host: RuntimeHost, webchat: WebchatRouteOptions, { studio, deployments }: ApiRouteOptions): readonly Route[] {
  return [
    healthRoute,
    ...botRoutes(host),
    ...clientRoutes(),
    fileContentRoute,
    fileUploadRoute,
    incomingMessageRoute,
    ...webchatRoutes(webchat),
    ...webhookRoutes,
    ...(deployments ? deploymentRoutes(deployments.host, deployments.bodyLimit) : []),
    pluginPagesRoute,
    ...studioSessionRoutes(studio.tokens, studio.sessions),
    ...studioRoutes({ keepAliveMs: webchat.keepAliveMs }),
  ]
}

export type { Route } from './route.js'
