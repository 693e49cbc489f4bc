import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { migrate, openDatabase, type Database, type NewLogRecord } from '@parley/runtime'
import { createRuntimesHost, randomWebchatSecret, startHttpServer, type RunningServer } from '@parley/runtime/http'
import { step, type Output } from '../../cli/output.js'
import { ServeError } from '../serve-error.js'
import { apiTokens } from '../server-config.js'
import { codeCache } from './code-cache.js'
import { servedDeployments, type ServedDeployments } from './deployment-host.js'

export interface ServeServerOptions {
  /** Where the embedded database (`db/`) and the deployed code (`code/`) live. */
  readonly dataDir: string
  readonly port: number
  readonly hostname: string
  readonly env: NodeJS.ProcessEnv
  readonly out: Output
  readonly onLog?: (record: NewLogRecord) => void
}

export interface ServeServer {
  readonly url: string
  /** The bots running now, by id. */
  readonly bots: readonly string[]
  close(): Promise<void>
}

const DEFAULT_KEEP = 5
/** How long a replaced version may take to finish its turns, in seconds. */
const DEFAULT_DRAIN_SECONDS = 300
/** A day: longer would overflow Node's timers, which then fire at once. */
const MAX_DRAIN_SECONDS = 86_400

interface ServeConfig {
  readonly tokens: ReturnType<typeof apiTokens>['tokens']
  readonly keep: number
  readonly bodyLimit: number | undefined
  readonly drainTimeoutMs: number
}

/**
 * `parley serve`: one process owning the database, running every deployed bot, taking new versions over
 * its API. Configuration is checked before anything opens.
 */
export async function startServeServer(options: ServeServerOptions): Promise<ServeServer> {
  const { env, out } = options
  const { tokens } = apiTokens(env, false)
  const keep = positiveInteger(env, 'PARLEY_KEEP_VERSIONS', DEFAULT_KEEP)
  const bodyLimit = positiveInteger(env, 'PARLEY_DEPLOY_LIMIT', undefined)
  const drainSeconds = positiveInteger(env, 'PARLEY_DRAIN_TIMEOUT', DEFAULT_DRAIN_SECONDS, MAX_DRAIN_SECONDS)
  if (!tokens.some((entry) => entry.scope === 'admin')) out.error('warning: PARLEY_API_TOKENS has no admin token: nobody can deploy to this server')
  const url = env['DATABASE_URL']
  // The embedded database makes only the last level of its directory.
  mkdirSync(options.dataDir, { recursive: true })
  const database = await step(out, url ? 'Connecting to PostgreSQL' : 'Opening the embedded database', () => openDatabase(url ? { url } : { dataDir: join(options.dataDir, 'db') }))
  try {
    await migrate(database)
    return await serveOn(database, options, { tokens, keep, bodyLimit, drainTimeoutMs: drainSeconds * 1000 })
  } catch (error) {
    await database.close()
    throw error
  }
}

async function serveOn(database: Database, options: ServeServerOptions, config: ServeConfig): Promise<ServeServer> {
  const host = createRuntimesHost()
  const deployments = servedDeployments({
    database, host, code: codeCache(join(options.dataDir, 'code')), keep: config.keep, drainTimeoutMs: config.drainTimeoutMs,
    ...(options.onLog ? { onLog: options.onLog } : {}),
    onStartFailure: (botId, version, error) => options.out.error(`error: bot "${botId}" (version ${version}) did not start: ${error instanceof Error ? error.message : String(error)}`),
  })
  await step(options.out, 'Starting the deployed bots', () => deployments.startActive())
  const server = await startHttpServer({
    host, deployments, port: options.port, hostname: options.hostname, tokens: config.tokens,
    webchatSecret: options.env['PARLEY_WEBCHAT_SECRET'] ?? randomWebchatSecret(),
    ...(config.bodyLimit === undefined ? {} : { deploymentBodyLimit: config.bodyLimit }),
  }).catch(async (error: unknown) => {
    await deployments.stop()
    throw error
  })
  return { url: server.url, bots: host.bots().map((bot) => bot.id), close: () => closeAll(server, deployments, database) }
}

async function closeAll(server: RunningServer, deployments: ServedDeployments, database: Database): Promise<void> {
  await server.close()
  await deployments.stop()
  await database.close()
}

function positiveInteger<D extends number | undefined>(env: NodeJS.ProcessEnv, name: string, fallback: D, max = Number.MAX_SAFE_INTEGER): number | D {
  const text = env[name]
  if (text === undefined || text === '') return fallback
  const value = Number(text)
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? 'of at least 1' : `from 1 to ${max}`
    throw new ServeError('SETTING_INVALID', `${name} "${text.slice(0, 40)}" is not a whole number ${range}`)
  }
  return value
}
