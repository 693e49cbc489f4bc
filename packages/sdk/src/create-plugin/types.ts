import type { ObjectSchema, z } from '../schema/zod.js'
import type { Client } from '../implementation/client.js'
import type { KeyValueStore, TypedKeyValueStore } from '../implementation/key-value.js'
import type { KeyValueDefinition } from '../definitions/plugin-definition.js'
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

/** A plugin's declared key-value values (`kv`), by key or by key prefix ending in `*`. */
export type KeyValueDeclarations = Readonly<Record<string, KeyValueDefinition>>

/**
 * The values `kv` declares, by key, as `parley gen` writes them: a prefix `conversations:*` covers every
 * key `conversations:…`. `undefined` when nothing is declared, for a store of `unknown` values.
 */
export type DeclaredKeyValues<D> = [keyof D] extends [never] ? undefined : {
  -readonly [K in keyof D & string as K extends `${infer P}*` ? `${P}${string}` : K]: D[K] extends { readonly schema: infer S extends z.ZodTypeAny } ? z.input<S> : never
}

/** The plugin's own store: typed by its declared values, else of `unknown` values. */
export type PluginKeyValueStore<V> = V extends object ? TypedKeyValueStore<V> : KeyValueStore

export interface PluginApi<V = undefined> {
  /** The plugin's own key-value store, typed by the values `kv` declares. */
  readonly db: PluginKeyValueStore<V>
  readonly events: PluginEventBus
  log(message: string, level?: PluginLogLevel): void
  /** The bot's API, as this plugin may use it. */
  readonly client: Client
  /** The plugin's configuration, as the bot set it. */
  readonly config: Readonly<Record<string, unknown>>
}

/** What every hook, job, webhook and lifecycle function receives. */
export interface PluginContext<V = undefined> {
  readonly api: PluginApi<V>
  /** The bot's id. */
  readonly appId: string
  readonly botId: string
  /** The alias the bot gave this plugin: its address under `/api/plugins/`. */
  readonly pluginId: string
  readonly userId?: string
  readonly conversationId?: string
}

export interface PluginHooks<V = undefined> {
  'message:received'?: (context: PluginContext<V>, message: Message) => unknown
  'message:sent'?: (context: PluginContext<V>, message: Message) => unknown
  'conversation:start'?: (context: PluginContext<V>, conversationId: string) => unknown
  'conversation:end'?: (context: PluginContext<V>, conversationId: string) => unknown
}

export interface EndpointRequest<V = undefined> {
  readonly method: string
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly headers: Readonly<Record<string, string>>
  /** Parsed JSON when the request says it is JSON, else the text. */
  readonly body: any // any: the endpoint alone knows what its callers send
  readonly rawBody: string
  /** The API token's name, on endpoints with `auth: true`. */
  readonly user?: { readonly id: string }
  readonly context: PluginContext<V>
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
export interface AuthenticatedEndpoint<V = undefined> extends EndpointBase {
  readonly auth: true
  readonly handler: (req: EndpointRequest<V> & { readonly user: { readonly id: string } }, res: EndpointResponse) => unknown
}

/** Open to anyone, and rate-limited per caller. */
export interface PublicEndpoint<V = undefined> extends EndpointBase {
  readonly auth?: false
  readonly handler: (req: EndpointRequest<V>, res: EndpointResponse) => unknown
}

export type PluginEndpoint<V = undefined> = AuthenticatedEndpoint<V> | PublicEndpoint<V>

export interface PluginCronJob<V = undefined> {
  readonly name: string
  /** Cron (`0 2 * * *`) or a shorthand interval (`30s`, `5m`, `1h`, `1d`). */
  readonly schedule: string
  readonly timezone?: string
  readonly handler: (context: PluginContext<V>) => unknown
}

export interface PluginWebhook<V = undefined> {
  readonly name: string
  /** The event names handled; others are acknowledged and ignored. All when absent. */
  readonly events?: readonly string[]
  readonly handler: (context: PluginContext<V>, event: string, payload: any) => unknown // any: the sender's payload
}

export interface PluginAdminPage {
  readonly path: string
  readonly title: string
  readonly icon?: string
  readonly component?: string
  readonly group?: string
  readonly html?: string
}

export interface CreatePluginOptions<D extends KeyValueDeclarations = {}, V = DeclaredKeyValues<D>> {
  readonly name: string
  readonly version: string
  readonly description?: string
  /** Extra configuration fields, beside `webhookSecrets` which every such plugin takes. */
  readonly configuration?: ObjectSchema
  /**
   * What the plugin keeps in `context.api.db`, by key or key prefix ending in `*`:
   * `{ 'conversations:*': { schema: z.object({ endedAt: z.date() }) } }`. It types the store here and in
   * generated code; without it, values are `unknown`.
   */
  readonly kv?: D
  readonly hooks?: PluginHooks<V>
  readonly endpoints?: readonly PluginEndpoint<V>[]
  readonly cronJobs?: readonly PluginCronJob<V>[]
  readonly webhooks?: readonly PluginWebhook<V>[]
  readonly adminPages?: readonly PluginAdminPage[]
  readonly onActivate?: (context: PluginContext<V>) => unknown
  readonly onDeactivate?: (context: PluginContext<V>) => unknown
}
