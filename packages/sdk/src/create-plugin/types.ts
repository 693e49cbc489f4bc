import type { ObjectSchema } from '../schema/zod.js'
import type { Client } from '../implementation/client.js'
import type { KeyValueStore } from '../implementation/key-value.js'
import type { Message } from '../implementation/records.js'
import type { PluginRouteMethod } from '../implementation/plugin-routes.js'

export type PluginLogLevel = 'debug' | 'info' | 'warn' | 'error'

export type BusListener = (data: any) => unknown // any: each event name carries its own shape, known to the two plugins only

/** The inter-plugin event bus: events travel as Parley events, so they are durable and reach every process. */
export interface PluginEventBus {
  emit(name: string, data?: unknown): Promise<void>
  on(name: string, listener: BusListener): void
  /** Removes one listener, or every listener of `name`. */
  off(name: string, listener?: BusListener): void
}

export interface PluginApi {
  /** The plugin's own key-value store. */
  readonly db: KeyValueStore
  readonly events: PluginEventBus
  log(message: string, level?: PluginLogLevel): void
  /** The bot's API, as this plugin may use it. */
  readonly client: Client
  /** The plugin's configuration, as the bot set it. */
  readonly config: Readonly<Record<string, unknown>>
}

/** What every hook, job, webhook and lifecycle function receives. */
export interface PluginContext {
  readonly api: PluginApi
  /** The bot's id. */
  readonly appId: string
  readonly botId: string
  /** The alias the bot gave this plugin: its address under `/api/plugins/`. */
  readonly pluginId: string
  readonly userId?: string
  readonly conversationId?: string
}

export interface PluginHooks {
  'message:received'?: (context: PluginContext, message: Message) => unknown
  'message:sent'?: (context: PluginContext, message: Message) => unknown
  'conversation:start'?: (context: PluginContext, conversationId: string) => unknown
  'conversation:end'?: (context: PluginContext, conversationId: string) => unknown
}

export interface EndpointRequest {
  readonly method: string
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly headers: Readonly<Record<string, string>>
  /** Parsed JSON when the request says it is JSON, else the text. */
  readonly body: any // any: the endpoint alone knows what its callers send
  readonly rawBody: string
  /** The API token's name, on endpoints with `auth: true`. */
  readonly user?: { readonly id: string }
  readonly context: PluginContext
}

export interface EndpointResponse {
  status(code: number): EndpointResponse
  set(header: string, value: string): EndpointResponse
  json(body: unknown): void
  send(body: string): void
}

interface EndpointBase {
  readonly method: PluginRouteMethod
  /** Below `/api/plugins/<pluginId>/endpoints`: `/stats`. */
  readonly path: string
  readonly description?: string
}

/** Needs an API token covering the bot (401 without one, 403 for another bot's); `req.user.id` names the token. */
export interface AuthenticatedEndpoint extends EndpointBase {
  readonly auth: true
  readonly handler: (req: EndpointRequest & { readonly user: { readonly id: string } }, res: EndpointResponse) => unknown
}

/** Open to anyone, and rate-limited per caller. */
export interface PublicEndpoint extends EndpointBase {
  readonly auth?: false
  readonly handler: (req: EndpointRequest, res: EndpointResponse) => unknown
}

export type PluginEndpoint = AuthenticatedEndpoint | PublicEndpoint

export interface PluginCronJob {
  readonly name: string
  /** Cron (`0 2 * * *`) or a shorthand interval (`30s`, `5m`, `1h`, `1d`). */
  readonly schedule: string
  readonly timezone?: string
  readonly handler: (context: PluginContext) => unknown
}

export interface PluginWebhook {
  readonly name: string
  /** The event names handled; others are acknowledged and ignored. All when absent. */
  readonly events?: readonly string[]
  readonly handler: (context: PluginContext, event: string, payload: any) => unknown // any: the sender's payload
}

export interface PluginAdminPage {
  readonly path: string
  readonly title: string
  readonly icon?: string
  readonly component?: string
  readonly group?: string
  readonly html?: string
}

export interface CreatePluginOptions {
  readonly name: string
  readonly version: string
  readonly description?: string
  /** Extra configuration fields, beside `webhookSecrets` which every such plugin takes. */
  readonly configuration?: ObjectSchema
  readonly hooks?: PluginHooks
  readonly endpoints?: readonly PluginEndpoint[]
  readonly cronJobs?: readonly PluginCronJob[]
  readonly webhooks?: readonly PluginWebhook[]
  readonly adminPages?: readonly PluginAdminPage[]
  readonly onActivate?: (context: PluginContext) => unknown
  readonly onDeactivate?: (context: PluginContext) => unknown
}
