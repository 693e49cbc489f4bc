import type { Client, Message } from '@parley/sdk'
import type { LogRecord, Runtime, StudioSource, TraceSummary } from '../index.js'
import type { HostedBot, MessageListener, RuntimeHost } from './host.js'

/** What the chat page and `GET /v1/bots` show about a bot beside its id. */
export interface BotInfo {
  readonly title?: string
  readonly description?: string
}

/** A host over runtimes of this process, whose bots can be swapped while the server runs. */
export interface RuntimesHost extends RuntimeHost {
  /**
   * Serves the runtime under its bot id, replacing the one served under that id before. Open event
   * streams carry on with the new runtime, so `parley dev` can reload a bot under a connected chat.
   * Every call made from then on goes to the new runtime, even through a bot looked up before.
   */
  serve(runtime: Runtime, info?: BotInfo): void
  /** Stops serving a bot; its open streams stay open and get messages again if it is served anew. */
  remove(botId: string): void
  /**
   * Resolves once no call handed to `runtime` through this host is still running: after `serve` put
   * another in its place, the old one can then stop without failing a turn it had begun. With `timeoutMs`
   * it resolves after that long at the latest, so a turn that never ends cannot hold a swap forever.
   * Resolves with how many calls were still running then (0 once drained).
   */
  drained(runtime: Runtime, timeoutMs?: number): Promise<number>
}

interface Served {
  readonly runtime: Runtime
  readonly client: Client
  readonly info: BotInfo
  readonly detach: () => void
}

export function createRuntimesHost(): RuntimesHost {
  const served = new Map<string, Served>()
  // Kept after `remove`, so a call already holding the bot still reaches the runtime it had.
  const lastServed = new Map<string, Served>()
  const hosted = new Map<string, HostedBot>()
  const listeners = new Map<string, ConversationListeners>()
  const studioListeners = new Map<string, StudioListeners>()
  const calls = inFlightCalls()
  const listenersOf = (botId: string) => listeners.get(botId) ?? listeners.set(botId, conversationListeners()).get(botId)!
  const studioOf = (botId: string) => studioListeners.get(botId) ?? studioListeners.set(botId, { turns: fanOut(), logs: fanOut() }).get(botId)!
  const hostedOf = (botId: string) => hosted.get(botId) ?? hosted.set(botId, hostedBot(botId, () => lastServed.get(botId)!, listenersOf(botId), studioOf(botId), calls)).get(botId)!
  return {
    bots: () => [...served.keys()].map(hostedOf),
    bot: (id) => (served.has(id) ? hostedOf(id) : undefined),
    serve: (runtime, info = {}) => {
      served.get(runtime.botId)?.detach()
      const studio = studioOf(runtime.botId)
      const stops = [runtime.onMessage(listenersOf(runtime.botId).publish), runtime.studio.onTurn(studio.turns.publish), runtime.studio.onLog(studio.logs.publish)]
      const detach = () => stops.forEach((stop) => stop())
      const entry = { runtime, client: runtime.client(), info, detach }
      served.set(runtime.botId, entry)
      lastServed.set(runtime.botId, entry)
    },
    remove: (botId) => {
      served.get(botId)?.detach()
      served.delete(botId)
    },
    drained: (runtime, timeoutMs) => calls.idle(runtime, timeoutMs),
  }
}

/** Counts the calls running on each runtime, and tells when a runtime has none left. */
interface InFlightCalls {
  run<T>(runtime: Runtime, work: () => Promise<T>): Promise<T>
  /** Resolves with 0 once `runtime` runs no call, or with the count still running after `timeoutMs`. */
  idle(runtime: Runtime, timeoutMs?: number): Promise<number>
}

function inFlightCalls(): InFlightCalls {
  const counts = new WeakMap<Runtime, { running: number; waiting: (() => void)[] }>()
  const of = (runtime: Runtime) => counts.get(runtime) ?? counts.set(runtime, { running: 0, waiting: [] }).get(runtime)!
  const done = (runtime: Runtime) => {
    const count = of(runtime)
    count.running -= 1
    if (count.running === 0) count.waiting.splice(0).forEach((wake) => wake())
  }
  return {
    run: (runtime, work) => {
      of(runtime).running += 1
      let promise: ReturnType<typeof work>
      try {
        promise = work()
      } catch (error) {
        done(runtime)
        throw error
      }
      return promise.finally(() => done(runtime))
    },
    idle: (runtime, timeoutMs) => new Promise((resolve) => {
      const count = of(runtime)
      if (count.running === 0) return resolve(0)
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => resolve(count.running), timeoutMs)
      count.waiting.push(() => {
        clearTimeout(timer)
        resolve(0)
      })
    }),
  }
}

/**
 * The bot as the server sees it, the same object whatever runtime serves it: each call goes to the runtime
 * served when the call is made, and is counted there until it ends.
 */
function hostedBot(id: string, current: () => Served, conversations: ConversationListeners, studio: StudioListeners, calls: InFlightCalls): HostedBot {
  const call = <T>(work: (entry: Served) => Promise<T>): Promise<T> => {
    const entry = current()
    return calls.run(entry.runtime, () => work(entry))
  }
  return {
    id,
    get title() { return current().info.title },
    get description() { return current().info.description },
    client: lateBoundClient(current, call),
    // Reads go to the runtime served now; the live feeds of turns and logs follow whichever is served.
    get studio(): StudioSource { return { ...current().runtime.studio, onTurn: studio.turns.subscribe, onLog: studio.logs.subscribe } },
    receiveMessage: (message) => call(async ({ runtime }) => ({ message: (await runtime.receiveMessage(message)).message })),
    subscribe: conversations.subscribe,
    handleWebhook: (alias, request) => call(({ runtime }) => runtime.handleWebhook(alias, request)),
    readFile: (id) => call(({ runtime }) => runtime.readFile(id)),
    isPublicFile: (id) => call(({ runtime }) => runtime.isPublicFile(id)),
    storeUpload: (id, token, content) => call(({ runtime }) => runtime.storeUpload(id, token, content)),
    plugins: {
      access: (pluginId, method, path) => current().runtime.pluginRouteAccess(pluginId, method, path),
      handle: (pluginId, request) => call(({ runtime }) => runtime.handlePluginRequest(pluginId, request)),
      pages: () => current().runtime.pluginPages(),
    },
  }
}

/**
 * A client whose every method calls the client of the runtime served at the time of the call: a plain
 * object with one forwarding function per method, made once (every version's client has the same methods).
 */
function lateBoundClient(current: () => Served, call: <T>(work: (entry: Served) => Promise<T>) => Promise<T>): Client {
  const forward = (name: string) => (...args: unknown[]) =>
    call(async ({ client }) => (client[name as keyof Client] as (...a: unknown[]) => unknown)(...args))
  return Object.fromEntries(Object.keys(current().client).map((name) => [name, forward(name)])) as unknown as Client
}

/** The studio's live feeds of a bot, kept by the host so a stream opened on one runtime goes on with the next. */
interface StudioListeners {
  readonly turns: FanOut<TraceSummary>
  readonly logs: FanOut<LogRecord>
}

interface FanOut<T> {
  readonly publish: (item: T) => void
  readonly subscribe: (listener: (item: T) => void) => () => void
}

function fanOut<T>(): FanOut<T> {
  const listeners = new Set<(item: T) => void>()
  return {
    publish: (item) => listeners.forEach((listener) => listener(item)),
    subscribe: (listener) => {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }
}

/** Listeners by conversation, so each message the bot sends reaches only its own conversation's streams. */
interface ConversationListeners {
  readonly publish: (message: Message) => void
  readonly subscribe: (conversationId: string, listener: MessageListener) => () => void
}

function conversationListeners(): ConversationListeners {
  const byConversation = new Map<string, Set<MessageListener>>()
  return {
    publish: (message) => byConversation.get(message.conversationId)?.forEach((listener) => listener(message)),
    subscribe: (conversationId, listener) => {
      const set = byConversation.get(conversationId) ?? byConversation.set(conversationId, new Set()).get(conversationId)!
      set.add(listener)
      return () => {
        set.delete(listener)
        if (set.size === 0 && byConversation.get(conversationId) === set) byConversation.delete(conversationId)
      }
    },
  }
}
