import { z } from '@parley/sdk'
import type { DeploymentHost } from '../deployments.js'
import { component } from '../../api/schemas/component.js'
import type { Route } from './route.js'

/** A bot id a deployment may create: what `parley` derives from a package name. */
const botName = z.string().min(1).max(100).regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lowercase letters, digits, "-" and "_", starting with a letter or digit')
const params = z.object({ bot: botName })

const deployment = component('Deployment', z.object({
  botId: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  active: z.boolean(),
  size: z.number().int(),
}).passthrough())
const outcome = z.object({ deployment, previous: z.number().int().optional() })

/**
 * Taking new versions of bots, with an admin token: upload one (it is served once it has started; the
 * version it replaces finishes the turns it began, then stops), serve an earlier one again, list them.
 * `bodyLimit` bounds an upload.
 */
export function deploymentRoutes(host: DeploymentHost, bodyLimit: number): readonly Route[] {
  return [
    {
      method: 'get', path: '/v1/deployments', operationId: 'listDeployments', summary: 'List the versions kept of every bot, newest first', tag: 'deployments', access: 'admin',
      success: { status: 200, schema: z.object({ deployments: z.array(deployment) }) },
      handle: async () => ({ deployments: await host.list() }),
    },
    {
      method: 'post', path: '/v1/deployments/:bot', operationId: 'deploy', summary: "Upload a bot's new version and serve it once it has started", tag: 'deployments', access: 'admin',
      params, bodyLimit,
      body: z.strictObject({ bundle: z.string().min(1), definition: z.string().min(1), force: z.boolean().optional() }),
      success: { status: 201, schema: outcome },
      handle: async ({ params: path, body }) => host.deploy((path as z.output<typeof params>).bot, body as { bundle: string; definition: string; force?: boolean }),
    },
    {
      method: 'post', path: '/v1/deployments/:bot/rollback', operationId: 'rollback', summary: 'Serve an earlier version again (by default the one before the active one)', tag: 'deployments', access: 'admin',
      params,
      body: z.strictObject({ version: z.number().int().positive().optional(), force: z.boolean().optional() }),
      success: { status: 200, schema: outcome },
      handle: async ({ params: path, body }) => host.rollback((path as z.output<typeof params>).bot, body as { version?: number; force?: boolean }),
    },
  ]
}
