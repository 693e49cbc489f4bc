import type { RuntimeHost } from '../host.js'
import { botRoutes, healthRoute } from './bots.js'
import { clientRoutes } from './client-routes.js'
import { incomingMessageRoute } from './incoming.js'
import type { Route } from './route.js'
import { studioRoutes } from './studio-routes.js'
import { studioSessionRoutes } from './studio-session.js'
import type { StudioSessions } from '../auth/studio-sessions.js'
import type { TokenRegistry } from '../auth/tokens.js'
import { webchatRoutes, type WebchatRouteOptions } from './webchat.js'
import { webhookRoutes } from './webhooks.js'

/**
 * Every API route, in the order the OpenAPI document lists them: each method of `Client` (from the table
 * in `operations/`), and the routes that are not client calls. A new route is one more entry here.
 */
export interface StudioRouteOptions {
  readonly tokens: TokenRegistry
  readonly sessions: StudioSessions
}

export function apiRoutes(host: RuntimeHost, webchat: WebchatRouteOptions, studio: StudioRouteOptions): readonly Route[] {
  return [
    healthRoute,
    ...botRoutes(host),
    ...clientRoutes(),
    incomingMessageRoute,
    ...webchatRoutes(webchat),
    ...webhookRoutes,
    ...studioSessionRoutes(studio.tokens, studio.sessions),
    ...studioRoutes({ keepAliveMs: webchat.keepAliveMs }),
  ]
}

export type { Route } from './route.js'
