import type { RuntimeHost } from '../host.js'
import { botRoutes, healthRoute } from './bots.js'
import { clientRoutes } from './client-routes.js'
import { incomingMessageRoute } from './incoming.js'
import type { Route } from './route.js'
import { webchatRoutes, type WebchatRouteOptions } from './webchat.js'
import { webhookRoutes } from './webhooks.js'
import { pluginPagesRoute } from './plugin-pages.js'

/**
 * Every API route, in the order the OpenAPI document lists them: each method of `Client` (from the table
 * in `operations/`), and the routes that are not client calls. A new route is one more entry here.
 */
export function apiRoutes(host: RuntimeHost, webchat: WebchatRouteOptions): readonly Route[] {
  return [
    healthRoute,
    ...botRoutes(host),
    ...clientRoutes(),
    incomingMessageRoute,
    ...webchatRoutes(webchat),
    ...webhookRoutes,
    pluginPagesRoute,
  ]
}

export type { Route } from './route.js'
