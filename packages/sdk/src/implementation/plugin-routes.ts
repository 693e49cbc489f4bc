import type { WebhookRequest, WebhookResponse } from './integration-implementation.js'
import type { CommonHandlerProps } from './props.js'
import type { LooseTypes } from './types.js'

export type PluginRouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** A request to one of a plugin's routes: the raw body (for signatures), and who sent it when the route needs a token. */
export interface PluginRequest extends WebhookRequest {
  /** The API token's name, when the route needs one. */
  readonly user?: { readonly id: string }
}

/** What a route answers; a body of bytes is sent as it is (a page's image, a download). */
export type PluginResponse = Omit<WebhookResponse, 'body'> & { readonly body?: string | Uint8Array }

/**
 * The deliveries a plugin's webhooks handled, kept by the runtime apart from the plugin's key-value store
 * (which the plugin sees) and dropped after a day.
 */
export interface WebhookDeliveries {
  /** Records the delivery; `false` when it was recorded already, so it is a replay not to handle again. */
  claim(webhook: string, delivery: string): Promise<boolean>
  /** Forgets a delivery whose handling failed, so the sender's retry is handled. */
  release(webhook: string, delivery: string): Promise<void>
}

export type PluginRouteProps = CommonHandlerProps<LooseTypes> & { readonly request: PluginRequest; readonly deliveries: WebhookDeliveries }

/**
 * An HTTP route a plugin serves under its own address, `/api/plugins/<alias>/<path>`. `token` routes
 * need an API token covering the bot, as the API does; `public` ones are open (and rate-limited).
 */
export interface PluginRoute {
  readonly method: PluginRouteMethod
  /** Below the plugin's address, without a leading slash: `endpoints/stats`. */
  readonly path: string
  /** Serves every path below `path` as well (`routes/a/b` for `routes`); `request.path` is the whole path. */
  readonly prefix?: boolean
  readonly access: 'token' | 'public'
  readonly description?: string
  readonly handler: (props: PluginRouteProps) => Promise<PluginResponse> | PluginResponse
}

/** A page a plugin adds to the dashboard, served as HTML at `/api/plugins/<alias>/pages/<path>`. */
export interface PluginPage {
  readonly path: string
  readonly title: string
  readonly icon?: string
  readonly group?: string
  /** The name of the component a dashboard renders for it. */
  readonly component?: string
  /** The page's HTML; a plain page naming it when absent. */
  readonly html?: string
  /**
   * One of the plugin's own GET routes that serves the page instead of `html` (below its address:
   * `routes/dashboard`). The page keeps that route's access, and is not served again under `pages/`.
   */
  readonly route?: string
}
