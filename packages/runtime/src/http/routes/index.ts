import type { RuntimeHost } from '../host.js'
import { botRoutes, healthRoute } from './bots.js'
import { clientRoutes } from './client-routes.js'
import { deploymentRoutes } from './deployments.js'
import type { DeploymentHost } from '../deployments.js'
import { fileContentRoute } from './files.js'
import { incomingMessageRoute } from './incoming.js'
import type { Route } from './route.js'
import { webchatRoutes, type WebchatRouteOptions } from './webchat.js'
import { webhookRoutes } from './webhooks.js'
import { folderPluginRoutes } from './folder-plugin-routes.js'

/**
 * Every API route, in the order the OpenAPI document lists them: each method of `Client` (from the table
 * in `operations/`), and the routes that are not client calls. A new route is one more entry here.
 */
export function apiRoutes(host: RuntimeHost, webchat: WebchatRouteOptions, deployments?: { host: DeploymentHost; bodyLimit: number }): readonly Route[] {
  return [
    healthRoute,
    ...botRoutes(host),
    ...clientRoutes(),
    fileContentRoute,
    incomingMessageRoute,
    ...webchatRoutes(webchat),
    ...webhookRoutes,
    ...(deployments ? deploymentRoutes(deployments.host, deployments.bodyLimit) : []),
    ...folderPluginRoutes,
  ]
}

export type { Route } from './route.js'
