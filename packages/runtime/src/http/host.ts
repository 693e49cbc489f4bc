import type { Client, StoredFile, Message, PluginRequest, PluginResponse, Tags, WebhookRequest, WebhookResponse } from '@parley/sdk'
import type { StudioSource } from '../index.js'

/**
 * What the HTTP layer needs of a running runtime, and nothing more. The server never reaches into the
 * engine: whatever runs bots (the engine in one process, a test host) is served by implementing this.
 */
export interface RuntimeHost {
  /** The bots served, in a stable order. */
  bots(): readonly HostedBot[]
  /** The bot with this id, or `undefined` when none is served. Looked up per request, so a reloaded bot is picked up. */
  bot(id: string): HostedBot | undefined
}

/** One served bot: its client, and the two things a channel needs beside it. */
export interface HostedBot {
  readonly id: string
  /** What the chat page shows as the bot's name; the id when absent. */
  readonly title?: string
  readonly description?: string
  /** The bot's client: the same API handlers get in-process. */
  readonly client: Client
  /**
   * Stores a message a user sent and dispatches it (before hooks, handlers, after hooks). Resolves with
   * the stored message once it has been handled, so replies created by handlers already exist; a host
   * for development (`parley dev`) adds the handlers that failed, for the chat page to show.
   */
  receiveMessage(message: IncomingMessage): Promise<{ message: Message; failures?: readonly TurnFailure[] }>
  /**
   * Calls `listener` for each message created in the conversation from now on — at least the bot's
   * outgoing ones, as they are stored — until the returned function is called.
   */
  subscribe(conversationId: string, listener: MessageListener): () => void
  /**
   * Hands a request to the webhook handler of the integration added under `alias`. Rejects with
   * `NAME_UNKNOWN` when the bot has no such integration and `IMPLEMENTATION_MISSING` when it has no handler.
   */
  handleWebhook(alias: string, request: WebhookRequest): Promise<WebhookResponse>
  /** A stored file's content and type; rejects with `NOT_FOUND` when there is none. */
  readFile(id: string): Promise<{ readonly content: Uint8Array; readonly contentType: string }>
  /** Whether a stored file's content is served to anyone (`accessPolicies: ['public_content']`); false when there is no such file. */
  isPublicFile(id: string): Promise<boolean>
  /**
   * Stores content sent to a file's upload URL (`upsertFile`'s `uploadUrl`), given the token it carries.
   * Rejects with `UPLOAD_TOKEN_REFUSED` (no such file, or a wrong or spent token) or `UPLOAD_EXPIRED`, storing nothing.
   */
  storeUpload(id: string, token: string, content: Uint8Array): Promise<{ readonly file: StoredFile }>
  /** What Parley Studio reads beyond the client; a host without it answers the studio's routes 404. */
  readonly studio?: StudioSource
  /** Plugins' own routes and pages; a host without them serves none. */
  readonly plugins?: PluginHost
}

/** What the server needs to serve plugins' routes (`/api/plugins/:pluginId/…`) and list their pages. */
export interface PluginHost {
  /** Who may call the route; `undefined` when the plugin serves nothing there. Throws `NAME_UNKNOWN` for an unknown plugin. */
  access(pluginId: string, method: string, path: string): 'token' | 'public' | undefined
  handle(pluginId: string, request: PluginRequest): Promise<PluginResponse>
  pages(): readonly PluginPageEntry[]
}

export interface PluginPageEntry {
  readonly pluginId: string
  readonly path: string
  readonly title: string
  readonly icon?: string
  readonly group?: string
  readonly component?: string
  /** The plugin's route that serves the page, when not its own `pages/<path>`. */
  readonly route?: string
  readonly url: string
}

/** A message from a user, as a channel hands it in. */
export interface IncomingMessage {
  readonly conversationId: string
  readonly userId: string
  readonly type: string
  readonly payload: object
  readonly tags?: Tags
}

export type MessageListener = (message: Message) => void

/** A handler or hook that threw while a message was handled, as a developer needs to see it. */
export interface TurnFailure {
  /** `on.message('text')`, `action "trackEvent"`. */
  readonly handler: string
  /** `the bot`, `plugin "analytics" (alias "stats")`. */
  readonly owner: string
  readonly message: string
  /** Where in the project's code it threw: `src/index.ts:12:5`. */
  readonly at?: string
}
