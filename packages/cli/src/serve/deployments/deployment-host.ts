import { ParleyError } from '@parley/sdk'
import {
  createDeploymentStore, createRuntime, findIncompatibilities,
  type ComposedBot, type Database, type DeploymentCode, type DeploymentStore, type NewLogRecord, type Runtime,
} from '@parley/runtime'
import { DeploymentError, type DeploymentHost, type DeploymentOutcome, type RuntimesHost } from '@parley/runtime/http'
import type { CodeCache } from './code-cache.js'

export interface DeploymentHostOptions {
  readonly database: Database
  readonly host: RuntimesHost
  readonly code: CodeCache
  /** How many versions of each bot are kept, the active one included. */
  readonly keep: number
  /** How long the version replaced may finish the turns it began; it is stopped then, finished or not. */
  readonly drainTimeoutMs: number
  readonly onLog?: (record: NewLogRecord) => void
  /** Told about a bot that could not start when the server started, which then serves the others. */
  readonly onStartFailure?: (botId: string, version: number, error: unknown) => void
}

/** The deployments of a `parley serve`: runs each bot's active version, and swaps versions without dropping turns. */
export interface ServedDeployments extends DeploymentHost {
  /** Starts the active version of every bot in the database. */
  startActive(): Promise<void>
  /** Stops every bot (the database stays open). */
  stop(): Promise<void>
}

interface Running {
  readonly runtime: Runtime
  readonly version: number
}

export function servedDeployments(options: DeploymentHostOptions): ServedDeployments {
  const store = createDeploymentStore(options.database)
  const running = new Map<string, Running>()
  const queue = perBotQueue()
  const launch = (botId: string, version: number, code: DeploymentCode, force: boolean) => launchVersion(options, store, running, { botId, version, code, force })
  return {
    deploy: (botId, upload) => queue(botId, async () => {
      const added = await store.add(botId, { bundle: upload.bundle, definition: upload.definition })
      try {
        return await launch(botId, added.version, upload, upload.force === true)
      } catch (error) {
        await store.remove(botId, added.version)
        throw error
      }
    }),
    rollback: (botId, { version, force }) => queue(botId, async () => {
      const target = version ?? (await previousVersion(store, botId, running.get(botId)?.version))
      const stored = await store.get(botId, target)
      if (!stored) throw new DeploymentError('DEPLOYMENT_NOT_FOUND', `bot "${botId}" has no version ${target} kept here; \`parley bots list\` shows the versions kept`)
      return launch(botId, target, stored, force === true)
    }),
    list: () => store.list(),
    startActive: async () => {
      for (const deployment of await store.active()) {
        await launch(deployment.botId, deployment.version, deployment, true).catch((error: unknown) => options.onStartFailure?.(deployment.botId, deployment.version, error))
      }
    },
    stop: async () => {
      await Promise.all([...running.values()].map(({ runtime }) => runtime.stop()))
      running.clear()
    },
  }
}

async function previousVersion(store: DeploymentStore, botId: string, active: number | undefined): Promise<number> {
  const versions = await store.list(botId)
  if (versions.length === 0) throw new DeploymentError('DEPLOYMENT_NOT_FOUND', `bot "${botId}" has never been deployed here; deploy it with \`parley deploy\``)
  const earlier = versions.find((deployment) => active === undefined || deployment.version < active)
  if (!earlier) throw new DeploymentError('DEPLOYMENT_NOT_FOUND', `bot "${botId}" has no version kept before ${active}; \`parley bots list\` shows the versions kept`)
  return earlier.version
}

interface Launch {
  readonly botId: string
  readonly version: number
  readonly code: DeploymentCode
  readonly force: boolean
}

/**
 * Loads and starts a version beside the one served, then serves it: new calls go to it at once, while
 * calls the old version began run to their end; only then does the old version stop.
 */
async function launchVersion(options: DeploymentHostOptions, store: DeploymentStore, running: Map<string, Running>, launch: Launch): Promise<DeploymentOutcome> {
  const { botId, version } = launch
  const bot = await loadVersion(options.code, launch)
  const previous = running.get(botId)
  if (!launch.force) await refuseIncompatible(options.database, botId, bot, previous?.runtime.definition)
  const runtime = await startVersion(options, botId, bot)
  options.host.serve(runtime)
  running.set(botId, { runtime, version })
  await store.activate(botId, version, options.keep)
  if (previous) await retire(options, botId, previous)
  const deployment = (await store.list(botId)).find((entry) => entry.version === version)!
  return { deployment, ...(previous ? { previous: previous.version } : {}) }
}

/**
 * Stops a replaced version once its turns are over, or once the drain time is up: a turn that never ends is
 * logged and left behind (its later calls fail, the runtime being stopped), and the deployment completes.
 */
async function retire(options: DeploymentHostOptions, botId: string, previous: Running): Promise<void> {
  const stuck = await options.host.drained(previous.runtime, options.drainTimeoutMs)
  if (stuck === 0) return previous.runtime.stop()
  options.onLog?.({
    level: 'warn', audience: 'developer', source: 'runtime',
    message: `version ${previous.version} of bot "${botId}" still ran ${stuck} turn(s) after the drain time (${options.drainTimeoutMs} ms) and was stopped under them; their conversations wait behind them in this process until they end or the server restarts. Set PARLEY_DRAIN_TIMEOUT to give turns longer`,
    data: { botId, version: previous.version, stuck, drainTimeoutMs: options.drainTimeoutMs },
  })
  // Its worker may be waiting on the stuck work too: the deployment does not wait for the stop.
  void previous.runtime.stop().catch((error: unknown) => options.onLog?.({
    level: 'error', audience: 'developer', source: 'runtime', message: `version ${previous.version} of bot "${botId}" failed to stop: ${messageOf(error)}`,
  }))
}

async function loadVersion(code: CodeCache, { botId, version, code: files }: Launch): Promise<ComposedBot> {
  try {
    return await code.load(botId, version, files)
  } catch (error) {
    throw new DeploymentError('DEPLOYMENT_INVALID', `version ${version} of bot "${botId}" does not load: ${messageOf(error)}; deploy what \`parley build\` makes of a bot project`)
  }
}

async function refuseIncompatible(database: Database, botId: string, bot: ComposedBot, running: ComposedBot['definition'] | undefined): Promise<void> {
  const previous = running ? { states: running.states, tables: running.tables } : undefined
  const found = await findIncompatibilities(database, { botId, states: bot.definition.states, tables: bot.definition.tables, ...(previous ? { previous } : {}) })
  if (found.length === 0) return
  const names = found.map((entry) => `${entry.kind} "${entry.name}" (${entry.count} record(s))`).join(', ')
  throw new DeploymentError('DEPLOYMENT_INCOMPATIBLE', `stored data of bot "${botId}" does not fit the new definition: ${names}; migrate that data first, or deploy with --force to run it anyway`, found)
}

async function startVersion(options: DeploymentHostOptions, botId: string, bot: ComposedBot): Promise<Runtime> {
  let runtime: Runtime | undefined
  try {
    runtime = await createRuntime({ ...bot, botId, database: options.database, ...(options.onLog ? { onLog: options.onLog } : {}) })
    await runtime.start()
    return runtime
  } catch (error) {
    await runtime?.stop()
    // A domain error (a table whose field changed type) says what to do already.
    if (error instanceof ParleyError) throw error
    throw new DeploymentError('DEPLOYMENT_FAILED', `bot "${botId}" failed to start: ${messageOf(error)}; the version served before goes on`)
  }
}

/** Runs one deployment of a bot at a time; different bots deploy side by side. */
function perBotQueue(): <T>(botId: string, work: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>()
  return (botId, work) => {
    const next = (tails.get(botId) ?? Promise.resolve()).then(work, work)
    tails.set(botId, next.catch(() => undefined))
    return next
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
