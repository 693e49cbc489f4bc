import { z } from '@parley/sdk'
import { botParams } from '../../api/schemas/common.js'
import { botRoute, type Route } from './route.js'

const page = z.object({
  pluginId: z.string().describe("The plugin's alias in the bot"),
  path: z.string(),
  title: z.string(),
  icon: z.string().optional(),
  group: z.string().optional(),
  component: z.string().optional(),
  route: z.string().optional().describe("The plugin's own GET route that serves the page, when it is not served under pages/ (a plugin folder's routes.py)"),
  url: z.string().describe('Where the page is served, below the server: /api/plugins/<pluginId>/pages/<path>, or its route'),
})

/** The dashboard pages the bot's plugins add, for a dashboard to link to. */
export const pluginPagesRoute: Route = botRoute({
  method: 'get', path: '/v1/bots/:botId/plugins/pages', operationId: 'listPluginPages', summary: "List the pages the bot's plugins add to the dashboard", tag: 'plugins', access: 'token',
  params: botParams,
  success: { status: 200, schema: z.object({ pages: z.array(page) }) },
  handle: async ({ bot }) => ({ pages: bot.plugins?.pages() ?? [] }),
})
