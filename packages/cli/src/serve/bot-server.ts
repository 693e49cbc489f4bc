import { createRuntime, type ComposedBot, type Database, type NewLogRecord, type Runtime } from '@parley/runtime'
import { createRuntimesHost, startHttpServer, type TokenEntry } from '@parley/runtime/http'

export interface BotServerOptions {
  readonly botId: string
  /** Kept open across reloads and closed by `close`. */
  readonly database: Database
  readonly port: number
  readonly hostname: string
  readonly tokens: readonly TokenEntry[]
  readonly webchatSecret?: string
  readonly onLog?: (record: NewLogRecord) => void
}

/** One bot served over HTTP, whose code can be swapped while the server and the data stay. */
export interface BotServer {
  readonly url: string
  readonly botId: string
  /** Runs this code in place of the current one; the current one keeps running if the new one fails to start. */
  swap(bot: ComposedBot): Promise<void>
  close(): Promise<void>
}

export async function startBotServer(options: BotServerOptions, bot: ComposedBot): Promise<BotServer> {
  const host = createRuntimesHost()
  let current = await startRuntime(options, bot)
  host.serve(current)
  const server = await startHttpServer({ host, port: options.port, hostname: options.hostname, tokens: options.tokens, webchatSecret: options.webchatSecret })
  return {
    url: server.url,
    botId: options.botId,
    swap: async (next) => {
      const runtime = await startRuntime(options, next)
      host.serve(runtime)
      const previous = current
      current = runtime
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
  const { botId, database, onLog } = options
  const runtime = await createRuntime({ ...bot, botId, database, ...(onLog ? { onLog } : {}) })
  try {
    await runtime.start()
    return runtime
  } catch (error) {
    await runtime.stop()
    throw error
  }
}
