import { z } from '@parley/sdk'
import type { Principal } from '../auth/principal.js'
import { covers } from '../auth/tokens.js'
import type { HostedBot, RuntimeHost } from '../host.js'
import { botParams } from '../../api/schemas/common.js'
import { botSummary } from '../../api/schemas/records.js'
import { botRoute, type Route } from './route.js'

export function summarize(bot: HostedBot): z.output<typeof botSummary> {
  const { id, title, description } = bot
  return { id, ...(title !== undefined ? { title } : {}), ...(description !== undefined ? { description } : {}) }
}

function visible(principal: Principal, bot: HostedBot): boolean {
  return principal.kind === 'token' && covers(principal.scope, bot.id)
}

export function botRoutes(host: RuntimeHost): readonly Route[] {
  return [
    {
      method: 'get', path: '/v1/bots', operationId: 'listBots', summary: "List the bots served here that the caller's token covers", tag: 'bots', access: 'token',
      success: { status: 200, schema: z.object({ bots: z.array(botSummary) }) },
      handle: async ({ principal }) => ({ bots: host.bots().filter((bot) => visible(principal, bot)).map(summarize) }),
    },
    botRoute({
      method: 'get', path: '/v1/bots/:botId', operationId: 'getBot', summary: 'Get a bot served here', tag: 'bots', access: 'token',
      params: botParams,
      success: { status: 200, schema: z.object({ bot: botSummary }) },
      handle: async ({ bot }) => ({ bot: summarize(bot) }),
    }),
  ]
}

export const healthRoute: Route = {
  method: 'get', path: '/health', operationId: 'health', summary: 'Whether the server is up (no credential needed)', tag: 'server', access: 'public',
  success: { status: 200, schema: z.object({ status: z.literal('ok') }) },
  handle: async () => ({ status: 'ok' }),
}
