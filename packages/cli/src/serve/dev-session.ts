import { join } from 'node:path'
import { openDatabase } from '@parley/runtime'
import { writeGenerated } from '../commands/gen.js'
import { botIdFor } from './bot-id.js'
import { DATA_DIR, dataDirectory } from './data-directory.js'
import { startBotServer, type BotServer } from './bot-server.js'
import { writeDevServerFile } from './dev-server-file.js'
import { loadBotSource } from './load-bot.js'
import { apiTokens, storedSecret, type ServeOptions } from './server-config.js'
import { watchProject } from './watch-project.js'

export interface DevOptions extends ServeOptions {
  /** Told of each reload after a change: the error when the new code could not run (the old one still does). */
  readonly onReload?: (error: unknown | undefined, files: readonly string[]) => void
}

export interface DevSession {
  readonly url: string
  readonly botId: string
  readonly chatUrl: string
  /** The admin token made up for this run, when `PARLEY_API_TOKENS` is not set. */
  readonly token: string | undefined
  close(): Promise<void>
}

/**
 * Runs the bot project in `dir` from source on the embedded database in `.parley-data`: generates
 * `.parley/`, serves the API and the chat page, and reloads the code when a file changes, keeping the
 * data and the connected chats.
 */
export async function startDevSession(options: DevOptions): Promise<DevSession> {
  const { dir } = options
  await writeGenerated({ cwd: dir, out: options.out })
  const { tokens, generated } = apiTokens(options.env, true)
  const database = await openDatabase({ dataDir: dataDirectory(dir) })
  const server = await startBotServer({
    botId: botIdFor(dir), database, port: options.port, hostname: options.hostname, tokens,
    webchatSecret: storedSecret(join(dir, DATA_DIR, 'webchat-secret')), ...(options.onLog ? { onLog: options.onLog } : {}),
  }, await loadBotSource(dir)).catch(async (error: unknown) => {
    await database.close()
    throw error
  })
  writeDevServerFile(dir, { url: server.url, botId: server.botId })
  const stopWatching = watchProject(dir, (files) => void reload(server, options, files))
  const close = async () => {
    await stopWatching()
    await server.close()
  }
  return { url: server.url, botId: server.botId, chatUrl: `${server.url}/chat/${server.botId}`, token: generated, close }
}

/** Definitions shape the generated code: regenerate when one changed, then run the new code. */
async function reload(server: BotServer, { dir, out, onReload }: DevOptions, files: readonly string[]): Promise<void> {
  try {
    if (files.some((file) => file.endsWith('.definition.ts') || file === 'package.json')) await writeGenerated({ cwd: dir, out })
    await server.swap(await loadBotSource(dir))
    onReload?.(undefined, files)
  } catch (error) {
    onReload?.(error, files)
  }
}
