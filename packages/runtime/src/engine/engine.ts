import type {
  ActionableWorkflow, BotDefinition, CommonHandlerProps, Context, IntegrationHandlerProps, LooseIntegrationTypes, LooseTypes, Message, WorkflowInstance,
} from '@parley/sdk'
import type { Database, Queryable } from '../storage/database/index.js'
import type { BotStorage as Stores, TraceStore, TraceSummary } from '../storage/index.js'
import type { Clock } from '../jobs/clock.js'
import type { JobQueue } from '../jobs/job-queue.js'
import type { Worker } from '../jobs/worker.js'
import type { LogStore } from '../logging/log-store.js'
import type { Turn } from './turn.js'
import type { CodeUnit, IntegrationUnit } from './units.js'

/** Called with each message the bot sends, once it is stored (the web chat and tests listen here). */
export type MessageListener = (message: Message) => void

/**
 * Builds what code receives when it runs for `ctx`: handler props for the bot and plugins, integration
 * props for integrations. The assembly hands it in, so the engine and dispatch never import the proxies
 * built on top of them.
 */
export interface PropsFactory {
  /** `unit`'s props for one call, with `extra` (what the call adds: `{ type, input }`, a hook's `data`…) over them. */
  code(unit: CodeUnit, ctx: Context, turn: Turn | undefined, extra?: object): CommonHandlerProps<LooseTypes>
  integration(unit: IntegrationUnit, ctx: Context, turn: Turn | undefined): IntegrationHandlerProps<LooseIntegrationTypes>
  /** A workflow run as `unit`'s handlers get it: with the methods that move it on, through the unit's client. */
  workflow(unit: CodeUnit, ctx: Context, turn: Turn | undefined, workflow: WorkflowInstance): ActionableWorkflow
}

/**
 * One running bot, as every part of the dispatch pipeline sees it. Built once by `createRuntime`; its
 * parts never change while the bot runs.
 */
export interface Engine {
  readonly botId: string
  readonly definition: BotDefinition
  readonly db: Database
  readonly stores: Stores
  /** Runs `fn` in one transaction; `stores` and `db` are bound to it. */
  transaction<T>(fn: (tx: { readonly stores: Stores; readonly db: Queryable }) => Promise<T>): Promise<T>
  /** Plugins in the order they were added, then the bot: the order handlers and hooks run in. */
  readonly code: readonly CodeUnit[]
  readonly bot: CodeUnit
  readonly plugins: ReadonlyMap<string, CodeUnit>
  readonly integrations: ReadonlyMap<string, IntegrationUnit>
  readonly clock: Clock
  readonly jobs: JobQueue
  readonly worker: Worker
  readonly logs: LogStore
  readonly listeners: Set<MessageListener>
  /** The turns' traces, and who is told of each turn once it is stored. */
  readonly traces: TraceStore
  readonly turnListeners: Set<(turn: TraceSummary) => void>
  readonly props: PropsFactory
  readonly turns: TurnSettings
  readonly apps: AppSettings
  /** Where the runtime's HTTP server is reached from outside (`https://bots.example.com`), when known. */
  readonly publicUrl?: string
}

/** How deliveries to external apps behave in this runtime. */
export interface AppSettings {
  /** Lets webhook URLs reach loopback and private addresses (local development); refused by default. */
  readonly allowPrivateUrls: boolean
  /** Requests at once to one URL from this process. */
  readonly concurrencyPerUrl: number
}

export interface TurnSettings {
  /**
   * How long a conversation's ticket is leased, in milliseconds (extended while the turn runs): how long a
   * conversation waits when the process running its turn dies.
   */
  readonly leaseMs: number
  /** Largest state payload accepted, in bytes of JSON. */
  readonly stateSizeLimit: number
  /** Ends a conversation after this many milliseconds without an incoming message; never when absent. */
  readonly conversationInactivityMs?: number
  /** Whether each turn's trace is recorded and stored with it. */
  readonly traces: boolean
  /** How long a trace is kept, in milliseconds. */
  readonly traceKeepMs: number
}
