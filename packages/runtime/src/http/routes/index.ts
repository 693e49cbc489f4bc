import type { RuntimeHost } from '../host.js'
import { actionRoutes } from './actions.js'
import { botRoutes, healthRoute } from './bots.js'
import { conversationRoutes } from './conversations.js'
import { eventRoutes } from './events.js'
import { messageRoutes } from './messages.js'
import type { Route } from './route.js'
import { stateRoutes } from './states.js'
import { tableRoutes } from './tables.js'
import { userRoutes } from './users.js'
import { webchatRoutes, type WebchatRouteOptions } from './webchat.js'
import { workflowRoutes } from './workflows.js'

/** Every API route, in the order the OpenAPI document lists them. */
export function apiRoutes(host: RuntimeHost, webchat: WebchatRouteOptions): readonly Route[] {
  return [
    healthRoute,
    ...botRoutes(host),
    ...conversationRoutes,
    ...userRoutes,
    ...messageRoutes,
    ...eventRoutes,
    ...stateRoutes,
    ...tableRoutes,
    ...workflowRoutes,
    ...actionRoutes,
    ...webchatRoutes(webchat),
  ]
}

export type { Route } from './route.js'
