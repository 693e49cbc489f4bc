import { join } from 'node:path'
import { openDatabase, type HandlerFailure } from '@parley/runtime'
import type { TurnFailure } from '@parley/runtime/http'
import { step } from '../cli/output.js'
import { writeGenerated } from '../commands/gen.js'
import { projectFrame } from '../project/source-location.js'
import { botIdFor } from './bot-id.js'
import { DATA_DIR, dataDirectory } from './data-directory.js'
import { startBotServer, type BotServer } from './bot-server.js'
import { writeDevServerFile } from './dev-server-file.js'
import { loadBotSource } from './load-bot.js'
import { conversationTimeout, publicUrl } from './session-env.js'
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
  /** Parley Studio, the dashboard: log in with an admin token. */
  readonly studioUrl: string
  /** The admin token made up for this run, when `PARLEY_API_TOKENS` is not set. */
  readonly token: string | undefined
  close(): Promise<void>
}

/**
 * Runs the bot project in `dir` from source on the embedded database in `.parley-data`: generates
 * `.parley/`, serves the API and the chat page, and reloads the code when a file changes, keeping the
 * data and the connected chats. A chat is told which handlers failed on each of its messages.
 */
export async function startDevSession(options: DevOptions): Promise<DevSession> {
  const { dir, out } = options
  const { tokens, generated } = apiTokens(options.env, true)
  const address = publicUrl(options.env)
  await writeGenerated({ cwd: dir, out })
  const database = await step(out, `Opening the embedded database in ${DATA_DIR}/`, () => openDatabase({ dataDir: dataDirectory(dir) }))
  const server = await step(out, 'Loading the bot and starting its server', async () => startBotServer({
    botId: botIdFor(dir), database, port: options.port, hostname: options.hostname, tokens,
    // Apps under development usually listen on this machine.
    allowPrivateAppUrls: true,
    webchatSecret: storedSecret(join(dir, DATA_DIR, 'webchat-secret')), ...(options.onLog ? { onLog: options.onLog } : {}),
    describeFailure: (failure) => describeFailure(failure, dir), conversations: conversationTimeout(options.env), ...address,
  }, await loadBotSource(dir))).catch(async (error: unknown) => {
    await database.close()
    throw error
  })
  writeDevServerFile(dir, { url: server.url, botId: server.botId })
  // One reload at a time, in the order of the changes: the last change's code is the one left running.
  let reloading = Promise.resolve()
  const stopWatching = await watchProject(dir, (files) => void (reloading = reloading.then(() => reload(server, options, files))))
  const close = async () => {
    await stopWatching()
    await reloading
    await server.close()
  }
  return { url: server.url, botId: server.botId, chatUrl: `${server.url}/chat/${server.botId}`, studioUrl: `${server.url}/studio/`, token: generated, close }
}

/** What the chat page shows of a failed handler: which, whose, why, and where in the project's code. */
function describeFailure(failure: HandlerFailure, dir: string): TurnFailure {
  const at = projectFrame(failure.error.stack, dir)
  return { handler: failure.handler, owner: failure.owner, message: failure.error.message, ...(at ? { at } : {}) }
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
