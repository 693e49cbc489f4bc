import { APP_TRIGGERS, appManifestSchema, z } from '@parley/sdk'
import { botParams, id, idParams, pageQuery } from '../schemas/common.js'
import { component } from '../schemas/component.js'
import { describeOperations } from './operation.js'

const base = '/v1/bots/:botId/apps'
const tag = 'apps'
const trigger = z.enum(APP_TRIGGERS)

const app = component('App', z.object({
  id: z.string(), name: z.string(), trigger, webhookUrl: z.string(), manifest: z.object({}).passthrough(),
  intervalSeconds: z.number().int(), memoryAfterSeconds: z.number().int(), secretCount: z.number().int(), installedAt: z.string(),
}).passthrough())

const delivery = component('AppDelivery', z.object({
  id: z.string(), appId: z.string(), trigger, conversationId: z.string(), userId: z.string(), attempt: z.number().int(),
  status: z.enum(['delivered', 'retrying', 'failed', 'deferred']), httpStatus: z.number().int().optional(), latencyMs: z.number().int().optional(),
  error: z.string().optional(), replyMessageId: z.string().optional(), createdAt: z.string(),
}).passthrough())

const withSecret = z.object({ app, secret: z.string().describe('Signs deliveries (X-Parley-Signature); shown only here') })
const secret = z.string().min(16).max(256)

/** External HTTP apps: installed by manifest, and what was delivered to them. */
export const appOperations = describeOperations({
  installApp: {
    method: 'post', path: base, summary: 'Install an external app by its manifest (again: update it)', tag,
    params: botParams,
    body: z.strictObject({
      manifest: appManifestSchema.passthrough(),
      secret: secret.optional().describe('The signing secret; a random one when absent'),
      intervalSeconds: z.number().int().min(1).max(86_400).optional().describe('How often transcript batches are sent (30 by default)'),
      memoryAfterSeconds: z.number().int().min(1).max(604_800).optional().describe('Silence after which a conversation has ended (120 by default)'),
    }),
    success: { status: 201, schema: withSecret },
  },
  listApps: {
    method: 'get', path: base, summary: 'List the installed apps', tag,
    params: botParams,
    success: { status: 200, schema: z.object({ apps: z.array(app) }) },
  },
  uninstallApp: {
    method: 'delete', path: `${base}/:id`, summary: 'Uninstall an app; nothing more is delivered to it', tag,
    params: idParams,
    success: { status: 204 },
  },
  rotateAppSecret: {
    method: 'post', path: `${base}/:id/secret`, summary: 'Make a new signing secret; the previous one signs beside it until the next rotation', tag,
    params: idParams,
    body: z.strictObject({ secret: secret.optional() }),
    success: { status: 200, schema: withSecret },
  },
  listAppDeliveries: {
    method: 'get', path: '/v1/bots/:botId/app-deliveries', summary: 'List delivery attempts to apps, newest first', tag,
    params: botParams,
    query: z.object({ appId: id.optional(), conversationId: id.optional(), ...pageQuery }),
    success: { status: 200, schema: z.object({ deliveries: z.array(delivery) }) },
  },
})
