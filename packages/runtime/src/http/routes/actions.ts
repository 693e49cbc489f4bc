import { z } from '@parley/sdk'
import { anyObject, botParams } from '../schemas/common.js'
import { botRoute, type Route } from './route.js'

export const actionRoutes: readonly Route[] = [
  botRoute({
    method: 'post', path: '/v1/bots/:botId/actions/call', operationId: 'callAction',
    summary: "Call an action of the bot, a plugin (`alias:name`) or an integration; its input and output are checked against the action's schemas",
    tag: 'actions', access: 'token',
    params: botParams,
    body: z.strictObject({ type: z.string().min(1), input: anyObject }),
    success: { status: 200, schema: z.object({ output: anyObject }) },
    handle: async ({ client, body }) => ({ output: await client.callAction(body) }),
  }),
]
