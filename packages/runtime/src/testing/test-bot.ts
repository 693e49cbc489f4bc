import type { BotImplementation, Client, Context, Event, ImplementationTypes, LooseTypes, NameOf, RowMeta, StateType, TableFilter, Tags, User } from '@parley/sdk'
import {
  adjustableClock, createRuntime, openDatabase, type AdjustableClock, type Database, type HandlerFailure, type LogRecord, type Runtime, type RuntimeOptions,
} from '../index.js'
import { durationMs, type Duration } from './durations.js'
import { sharedTestDatabase, uniqueBotId } from './shared-database.js'
import { testConversation, type Exchange, type Outgoing, type TestConversation } from './test-conversation.js'

export interface TestBotOptions extends Omit<RuntimeOptions, 'database' | 'clock' | 'jobs'> {
  /**
   * Keeps the bot in its own embedded database in this directory (to test a restart). By default test
   * bots share one in-memory database per process, each under its own bot id.
   */
  readonly dataDir?: string
  /** Runs on this database instead (left open by `stop`), e.g. a PostgreSQL server. */
  readonly database?: Database
}

/** The types a bot implementation was written with: those of its generated module (`bp.Bot`), or loose ones. */
export type TypesOf<TImplementation> = TImplementation extends BotImplementation<infer T> ? T : LooseTypes

type Action<T extends ImplementationTypes, K extends NameOf<T['callableActions']>> = T['callableActions'][K]
type State<T extends ImplementationTypes, K extends NameOf<T['states']>> = T['states'][K]

/**
 * A bot running in memory for a test. Jobs (events, schedules, expiries, timeouts) run when the test
 * waits for them: each `send`, `callAction` and `emit` waits until every job it caused has run, and
 * `advance` moves the clock and runs what became due.
 *
 * It is typed by the bot's generated module when the implementation is a `bp.Bot`: names of actions,
 * states, tables and events are checked, and so are inputs and payloads. A bot written without
 * generated code gets loose types, where any name goes (and is checked when the test runs).
 */
// any: a variable declared `TestBot`, without types, holds the test bot of any bot, typed or not
export interface TestBot<T extends ImplementationTypes = any> {
  readonly runtime: Runtime
  /** The bot's own client, outside any handler. */
  readonly client: Client<T>
  readonly clock: AdjustableClock
  /** A new user. */
  user(options?: { readonly name?: string; readonly tags?: Tags }): Promise<User>
  /** A new conversation with a user (a new one unless given), on the web chat unless a channel is named. */
  conversation(options?: { readonly user?: User; readonly channel?: string; readonly tags?: Tags }): Promise<TestConversation>
  /** Sends one message as a new user in a new conversation. */
  send(message: Outgoing): Promise<Exchange>
  /** Calls an action by the bot's name for it (`alias:name` for a plugin's), from outside the bot, then runs the jobs it caused. */
  callAction<K extends NameOf<T['callableActions']>>(name: K, input: Action<T, K>['input'], ctx?: Partial<Context>): Promise<Action<T, K>['output']>
  /** Emits an event as the bot, then runs the jobs it caused. */
  emit<K extends NameOf<T['events']>>(type: K, payload: T['events'][K], options?: { readonly conversationId?: string; readonly userId?: string }): Promise<Event<K, T['events'][K]>>
  /** A state's payload, or `undefined` when it is not set. `type` is the one the state is declared with. */
  getState<K extends NameOf<T['states']>>(type: State<T, K>['type'], id: string, name: K): Promise<State<T, K>['payload'] | undefined>
  setState<K extends NameOf<T['states']>>(type: State<T, K>['type'], id: string, name: K, payload: State<T, K>['payload']): Promise<void>
  /** Every row of a table, oldest first. */
  rows<K extends NameOf<T['tables']>>(table: K, filter?: TableFilter<T['tables'][K]>): Promise<(T['tables'][K] & RowMeta)[]>
  /** Stored events, oldest first, of one type if given. */
  events<K extends NameOf<T['events']>>(type?: K): Promise<Event<K, T['events'][K]>[]>
  /** Moves the clock forward and runs every job that became due. */
  advance(duration: Duration): Promise<void>
  /** Runs jobs until none is due. */
  settle(): Promise<void>
  logs(): Promise<LogRecord[]>
  failures(): Promise<HandlerFailure[]>
  /** Stops this runtime and starts a new one on the same database and clock, as a process restart would. */
  restart(): Promise<TestBot<T>>
  stop(): Promise<void>
}

/**
 * Starts a composed bot on an embedded database for a test.
 *
 * @example
 * const bot = await createTestBot({ definition, implementation })
 * const { texts } = await bot.send('hello')
 * expect(texts).toEqual(['hello'])
 * await bot.stop()
 */
export async function createTestBot<TOptions extends TestBotOptions>(options: TOptions): Promise<TestBot<TypesOf<TOptions['implementation']>>> {
  const own = options.dataDir !== undefined && options.database === undefined
  const database = options.database ?? (own ? await openDatabase({ dataDir: options.dataDir! }) : await sharedTestDatabase())
  // The names and payloads the types promise are checked by the runtime against the definition.
  return start({ ...options, botId: options.botId ?? uniqueBotId() }, database, adjustableClock(), own) as Promise<TestBot<any>> // any: the loose bot, seen through the types its implementation declares
}

async function start(options: TestBotOptions, database: Database, clock: AdjustableClock, ownsDatabase: boolean): Promise<TestBot> {
  const runtime = await createRuntime({ ...options, database, clock, jobs: { mode: 'manual' } })
  await runtime.start()
  const settle = async () => {
    while ((await runtime.runJobs()) > 0);
  }
  await settle()
  return testBot(runtime, { options, database, clock, ownsDatabase, settle })
}

interface Parts {
  readonly options: TestBotOptions
  readonly database: Database
  readonly clock: AdjustableClock
  readonly ownsDatabase: boolean
  readonly settle: () => Promise<void>
}

function testBot(runtime: Runtime, parts: Parts): TestBot {
  const { clock, settle } = parts
  const client = runtime.client()
  const user = async (options: { name?: string; tags?: Tags } = {}) => (await client.getOrCreateUser({ ...options, tags: { ...options.tags } })).user
  const conversation: TestBot['conversation'] = async (options = {}) => {
    const { conversation: created } = await client.getOrCreateConversation({ channel: options.channel ?? 'webchat', ...(options.tags ? { tags: options.tags } : {}) })
    return testConversation(runtime, settle, created.id, options.user ?? (await user()))
  }
  return {
    runtime, client, clock, user, conversation, settle,
    send: async (message) => (await conversation()).send(message),
    callAction: async (name, input, ctx) => afterJobs(settle, runtime.callAction(name, input, ctx)),
    emit: async (type, payload, options = {}) => (await afterJobs(settle, client.createEvent({ type, payload: payload as object, ...options }))).event,
    getState: async (type, id, name) => (await client.getState({ type, id, name }).catch(unlessNotSet))?.state.payload,
    setState: async (type, id, name, payload) => void (await client.setState({ type, id, name, payload })),
    rows: async (table, filter) => (await client.findTableRows({ table, ...(filter ? { filter } : {}), limit: 1000 })).rows,
    events: async (type) => (await client.listEvents({ ...(type ? { type } : {}), limit: 1000 })).events as Event<never, unknown>[],
    advance: async (duration) => {
      clock.advance(durationMs(duration))
      await settle()
    },
    logs: () => runtime.logs(),
    failures: () => runtime.failures(),
    restart: async () => {
      await runtime.stop()
      return start(parts.options, parts.database, clock, parts.ownsDatabase)
    },
    stop: async () => {
      await runtime.stop()
      if (parts.ownsDatabase) await parts.database.close()
    },
  }
}

async function afterJobs<T>(settle: () => Promise<void>, work: Promise<T>): Promise<T> {
  const result = await work
  await settle()
  return result
}

function unlessNotSet(error: unknown): undefined {
  if ((error as { code?: unknown }).code === 'STATE_NOT_FOUND') return undefined
  throw error
}
