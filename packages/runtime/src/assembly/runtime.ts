import type { BotDefinition, BotImplementation, Client, Context, StoredFile, PluginRequest, PluginResponse, WebhookRequest, WebhookResponse } from '@parley/sdk'
import type { ListedPluginPage } from '../dispatch/plugin-routes/plugin-routes.js'
import type { Database, OpenDatabaseOptions } from '../storage/index.js'
import type { HandlerFailure } from '../dispatch/handlers/failures.js'
import type { IncomingMessage, IncomingOutcome } from '../dispatch/incoming/incoming-message.js'
import type { Clock } from '../jobs/clock.js'
import type { Job } from '../jobs/job-queue.js'
import type { LogRecord, NewLogRecord } from '../logging/log-record.js'
import type { LogQuery } from '../logging/log-store.js'
import type { MessageListener } from '../engine/engine.js'
import type { LoadOptions } from './load/load-units.js'
import type { StudioSource } from './studio/studio-source.js'

/** A composed bot: its definition (with plugins and integrations added) and its implementation. */
export interface ComposedBot {
  readonly definition: BotDefinition
  // any: a bot implementation typed by any generated types runs the same
  readonly implementation: BotImplementation<any>
}

export interface RuntimeOptions extends ComposedBot, LoadOptions {
  /** Names the bot's records in a database several bots may share; `bot` by default. */
  readonly botId?: string
  /** An open database, or where to open one (in memory when absent); a database opened here is closed by `stop`. */
  readonly database?: Database | OpenDatabaseOptions
  /** Largest state payload accepted, in bytes of JSON; 128 KiB by default. */
  readonly stateSizeLimit?: number
  /** Where due times are read; the system clock by default. */
  readonly clock?: Clock
  readonly jobs?: {
    /**
     * `background` (the default): jobs run as soon as they are due, polled every `pollIntervalMs`.
     * `manual`: they run only on `runJobs()`, so a test decides when.
     */
    readonly mode?: 'background' | 'manual'
    readonly pollIntervalMs?: number
  }
  /** Also hands every log record to this function as it is written, e.g. to print it. */
  readonly onLog?: (record: NewLogRecord) => void
  readonly turns?: {
    /**
     * On PostgreSQL, how long a turn holds its conversation without renewing (it renews every third of it
     * while it runs): how long the conversation waits if the process running the turn dies. 30 s by default.
     */
    readonly leaseMs?: number
  }
  /** Deliveries to external apps (installed with `client.installApp`). */
  readonly apps?: {
    /**
     * Lets app webhook URLs point at loopback and private addresses. Off by default, so an app's URL cannot
     * be used to reach services inside the network; `parley dev` turns it on for receivers on the laptop.
     */
    readonly allowPrivateUrls?: boolean
    /** Requests at once to one app URL from this process; 4 by default. */
    readonly concurrencyPerUrl?: number
  }
  readonly conversations?: {
    /**
     * Ends a conversation this many milliseconds after its last incoming message, as
     * `client.endConversation` does (plugins' `conversation:end` hooks run). Never by default.
     */
    readonly inactivityMs?: number
  }
  /**
   * Each turn's trace (hooks, handlers, actions, events, states, messages, with timings), stored after the
   * turn in batches — when `batch.maxRows` (128) wait or `batch.delayMs` (250) after the first, and before
   * the studio reads them — and kept `keepMs` (7 days by default); on unless `enabled` is false.
   */
  readonly traces?: {
    readonly enabled?: boolean
    readonly keepMs?: number
    readonly batch?: { readonly maxRows?: number; readonly delayMs?: number }
  }
  /** The URL an integration's webhook is reached at, given to its `register`. */
  readonly webhookUrl?: (alias: string) => string
  /**
   * Where the runtime's HTTP server is reached from outside (`https://bots.example.com`, or with a path
   * prefix): a file's `url` and `uploadUrl` are then absolute, under it, instead of server paths.
   */
  readonly publicUrl?: string
}

/**
 * A bot running in this process. Everything it stores goes to its database; jobs (events, schedules,
 * expiries, timeouts) live there too, so they survive a restart.
 */
export interface Runtime {
  readonly botId: string
  readonly definition: BotDefinition
  readonly database: Database
  /** Runs the `register` handlers, schedules recurring events and starts running jobs. */
  start(): Promise<void>
  /** Stops running jobs, waits for the log, and closes the database if the runtime opened it. */
  stop(): Promise<void>
  /** A client acting as the bot, or as the plugin of `alias`, outside any handler. */
  client(options?: { readonly alias?: string; readonly ctx?: Partial<Context> }): Client
  /** A user's message, through the whole incoming pipeline. */
  receiveMessage(message: IncomingMessage): Promise<IncomingOutcome>
  /** Calls an action from outside the bot (only its incoming hooks run). `name` is the bot's name for it. */
  callAction(name: string, input: unknown, ctx?: Partial<Context>): Promise<Record<string, unknown>>
  handleWebhook(alias: string, request: WebhookRequest): Promise<WebhookResponse>
  /** Who may call the route plugin `alias` serves for this method and path (`undefined`: none there). Rejects `NAME_UNKNOWN` for an unknown plugin. */
  pluginRouteAccess(alias: string, method: string, path: string): 'token' | 'public' | undefined
  /** Hands a request to the route of plugin `alias` at `request.method` and `request.path` (below the plugin's address). */
  handlePluginRequest(alias: string, request: PluginRequest): Promise<PluginResponse>
  /** The dashboard pages the plugins add. */
  pluginPages(): ListedPluginPage[]
  /** A stored file's content and type, for serving at its `url`; rejects with `NOT_FOUND` when there is none yet. */
  readFile(id: string): Promise<{ readonly content: Uint8Array; readonly contentType: string }>
  /** Whether a file's content is served without a credential (`accessPolicies: ['public_content']`); false when there is no such file. */
  isPublicFile(id: string): Promise<boolean>
  /** Stores content sent to a file's upload URL, checking the URL's token; see `upsertFile`. */
  storeUpload(id: string, token: string, content: Uint8Array): Promise<{ readonly file: StoredFile }>
  /** Calls `listener` with each message the bot sends; returns a function that stops it. */
  onMessage(listener: MessageListener): () => void
  /** Runs every job due now (and those they make due); resolves with how many ran. */
  runJobs(): Promise<number>
  /** Jobs not yet done: due later, running, or failed for good. */
  pendingJobs(): Promise<Job[]>
  logs(query?: LogQuery): Promise<LogRecord[]>
  /** Handlers and hooks that threw, with what they were handling. */
  failures(query?: Omit<LogQuery, 'failures' | 'level'>): Promise<HandlerFailure[]>
  /** What Parley Studio shows of the bot: its make-up, turns and their traces, metrics, logs, jobs. */
  readonly studio: StudioSource
}
