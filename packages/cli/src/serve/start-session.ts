import { openDatabase } from '@parley/runtime'
import { randomWebchatSecret } from '@parley/runtime/http'
import { step } from '../cli/output.js'
import { botIdFor } from './bot-id.js'
import { dataDirectory } from './data-directory.js'
import { startBotServer, type BotServer } from './bot-server.js'
import { loadBotBuild } from './load-bot.js'
import { conversationTimeout, publicUrl } from './session-env.js'
import { apiTokens, type ServeOptions } from './server-config.js'

export type StartOptions = ServeOptions

/**
 * Runs the built bot (`dist/`) for production: on PostgreSQL when `DATABASE_URL` is set, else on the
 * embedded database in `.parley-data`; API tokens from `PARLEY_API_TOKENS`, the web chat's secret from
 * `PARLEY_WEBCHAT_SECRET`. Configuration is checked before anything opens; what is missing is said
 * once, as a warning.
 */
export async function startProductionServer(options: StartOptions): Promise<BotServer> {
  const { dir, env, out } = options
  const { tokens } = apiTokens(env, false)
  const conversations = conversationTimeout(env)
  const address = publicUrl(env)
  const bot = await loadBotBuild(dir)
  for (const warning of warnings(env, tokens.length)) out.error(`warning: ${warning}`)
  const url = env['DATABASE_URL']
  const database = await step(out, url ? 'Connecting to PostgreSQL' : 'Opening the embedded database', () => openDatabase(url ? { url } : { dataDir: dataDirectory(dir) }))
  const server = { botId: botIdFor(dir), database, port: options.port, hostname: options.hostname, tokens, webchatSecret: env['PARLEY_WEBCHAT_SECRET'] ?? randomWebchatSecret(),
    allowPrivateAppUrls: env['PARLEY_APPS_ALLOW_PRIVATE_URLS'] === '1' }
  return step(out, 'Starting the bot and its server', () => startBotServer({ ...server, conversations, ...address, ...(options.onLog ? { onLog: options.onLog } : {}) }, bot)).catch(async (error: unknown) => {
    await database.close()
    throw error
  })
}

function warnings(env: NodeJS.ProcessEnv, tokenCount: number): string[] {
  return [
    ...(env['DATABASE_URL'] ? [] : ['DATABASE_URL is not set: data goes to the embedded database in .parley-data, for this one process only']),
    ...(tokenCount > 0 ? [] : ['PARLEY_API_TOKENS is not set: the API refuses every call; only /health, the chat page and the web chat answer']),
    ...(env['PARLEY_WEBCHAT_SECRET'] ? [] : ['PARLEY_WEBCHAT_SECRET is not set: web chat sessions end when this process stops, and work on this process only']),
  ]
}
