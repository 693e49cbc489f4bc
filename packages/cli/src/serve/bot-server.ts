import { createRuntime, type ComposedBot, type Database, type HandlerFailure, type NewLogRecord, type Runtime } from '@parley/runtime'
import { createRuntimesHost, startHttpServer, type TokenEntry, type TurnFailure } from '@parley/runtime/http'
import { reportingFailures } from './failure-host.js'

export interface BotServerOptions {
  readonly botId: string
  /** Kept open across reloads and closed by `close`. */
  readonly database: Database
  readonly port: number
  readonly hostname: string
  readonly tokens: readonly TokenEntry[]
  readonly webchatSecret?: string
  readonly onLog?: (record: NewLogRecord) => void
  /** Lets external apps' webhook URLs point at loopback and private addresses (development; `PARLEY_APPS_ALLOW_PRIVATE_URLS=1`). */
  readonly allowPrivateAppUrls?: boolean
  /** Ends conversations after this long without a message (`PARLEY_CONVERSATION_TIMEOUT`). */
  readonly conversations?: { readonly inactivityMs?: number }
  /** The address the server is reached at, for absolute file URLs (`PARLEY_PUBLIC_URL`). */
  readonly publicUrl?: string
  /** Development only: each message sent from a chat answers with the handlers that failed on it, described so. */
  readonly describeFailure?: (failure: HandlerFailure) => TurnFailure
}

/** One bot served over HTTP, whose code can be swapped while the server and the data stay. */
export interface BotServer {
  readonly url: string
  readonly botId: string
  /** Runs this code in place of the current one; the current one keeps running if the new one fails to start. */
  swap(bot: ComposedBot): Promise<void>
  close(): Promise<void>
}

/** Starts the bot, then serves it; when serving fails (a port in use), the bot is stopped again. */
export async function startBotServer(options: BotServerOptions, bot: ComposedBot): Promise<BotServer> {
  const host = createRuntimesHost()
  let current = await startRuntime(options, bot)
  host.serve(current)
  const served = options.describeFailure ? reportingFailures(host, () => current, options.describeFailure) : host
  const server = await startHttpServer({ host: served, port: options.port, hostname: options.hostname, tokens: options.tokens, webchatSecret: options.webchatSecret }).catch(async (error: unknown) => {
    await current.stop()
    throw error
  })
  return {
    url: server.url,
    botId: options.botId,
    swap: async (next) => {
      const runtime = await startRuntime(options, next)
      host.serve(runtime)
      const previous = current
      current = runtime
      // Turns the old code began end on it; new ones already go to the new code.
      await host.drained(previous)
      await previous.stop()
    },
    close: async () => {
      await server.close()
      await current.stop()
      await options.database.close()
    },
  }
}

async function startRuntime(options: BotServerOptions, bot: ComposedBot): Promise<Runtime> {
  const { botId, database, onLog, conversations, publicUrl } = options
  const runtime = await createRuntime({
    ...bot, botId, database, apps: { allowPrivateUrls: options.allowPrivateAppUrls ?? false },
    ...(onLog ? { onLog } : {}), ...(conversations ? { conversations } : {}), ...(publicUrl ? { publicUrl } : {}),
  })
  try {
    await runtime.start()
    return runtime
  } catch (error) {
    await runtime.stop()
    throw error
  }
}
