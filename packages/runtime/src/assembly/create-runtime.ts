import {
  createBotStorage, DEFAULT_STATE_SIZE_LIMIT, ensureTables, migrate, openDatabase, type Database, type OpenDatabaseOptions,
} from '../storage/index.js'
import { systemClock } from '../jobs/clock.js'
import { createTraceStore } from '../storage/index.js'
import { createJobQueue, type Job } from '../jobs/job-queue.js'
import { jobHandlers } from './jobs/job-handlers.js'
import { sweep } from './jobs/sweep.js'
import { createWorker } from '../jobs/worker.js'
import { createLogStore, type LogStore } from '../logging/log-store.js'
import type { Engine } from '../engine/engine.js'
import { propsFactory } from './props-factory.js'
import { createAppDeliveries, type AppDeliveries } from '../dispatch/apps/deliver.js'
import { loadUnits, type LoadedUnits } from './load/load-units.js'
import type { Runtime, RuntimeOptions } from './runtime.js'
import { runtimeOf } from './runtime-api.js'
import { checkedPublicUrl } from './public-url.js'

/**
 * Loads a composed bot and prepares it to run: checks that every part has its implementation, brings the
 * database up to date (storage migrations, the engine's tables, the bot's tables), and wires the
 * pipeline. Call `start` to run its `register` handlers and jobs.
 *
 * @example
 * const runtime = await createRuntime({ definition, implementation })
 * await runtime.start()
 */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const units = loadUnits(options.definition, options.implementation, options)
  const { db, owned } = await database(options.database)
  const botId = options.botId ?? 'bot'
  await prepare(db, botId, options)
  const { engine, deliveries } = buildEngine(db, botId, options, units)
  for (const warning of units.warnings) engine.logs.write({ level: 'warn', audience: 'bot', source: 'runtime', message: warning })
  return runtimeOf(engine, options, owned, deliveries)
}

async function database(given: Database | OpenDatabaseOptions | undefined): Promise<{ db: Database; owned: boolean }> {
  if (given && 'query' in given) return { db: given, owned: false }
  return { db: await openDatabase(given ?? {}), owned: true }
}

async function prepare(db: Database, botId: string, options: RuntimeOptions): Promise<void> {
  await migrate(db)
  await ensureTables(db, botId, options.definition.tables)
}

/** Long enough that no healthy turn needs renewing often; short enough that a dead process frees its conversations soon. */
const DEFAULT_LEASE_MS = 30_000
/** A week: enough to look back at last week's conversations, little enough that traces stay a small table. */
const DEFAULT_TRACE_KEEP_MS = 7 * 24 * 60 * 60_000

function buildEngine(db: Database, botId: string, options: RuntimeOptions, units: LoadedUnits): { engine: Engine; deliveries: AppDeliveries } {
  const storage = { botId, tables: options.definition.tables, ...(options.stateSizeLimit === undefined ? {} : { stateSizeLimit: options.stateSizeLimit }) }
  const logs = createLogStore(db, botId, options.onLog ? { echo: options.onLog } : {})
  const parts: Omit<Engine, 'worker' | 'props'> = {
    botId, definition: options.definition, db, clock: options.clock ?? systemClock, jobs: createJobQueue(db, botId), logs, listeners: new Set(),
    traces: createTraceStore(db, botId, { ...options.traces?.batch, onError: traceWriteFailed(logs) }), turnListeners: new Set(),
    stores: createBotStorage(db, storage),
    transaction: (fn) => db.transaction((tx) => fn({ stores: createBotStorage(tx, storage), db: tx })),
    code: units.code, bot: units.code.at(-1)!,
    plugins: new Map(units.code.filter((unit) => unit.kind === 'plugin').map((unit) => [unit.alias, unit])),
    integrations: units.integrations,
    turns: {
      leaseMs: options.turns?.leaseMs ?? DEFAULT_LEASE_MS, stateSizeLimit: options.stateSizeLimit ?? DEFAULT_STATE_SIZE_LIMIT,
      traces: options.traces?.enabled ?? true, traceKeepMs: options.traces?.keepMs ?? DEFAULT_TRACE_KEEP_MS,
      ...(options.conversations?.inactivityMs === undefined ? {} : { conversationInactivityMs: options.conversations.inactivityMs }),
    },
    apps: { allowPrivateUrls: options.apps?.allowPrivateUrls ?? false, concurrencyPerUrl: options.apps?.concurrencyPerUrl ?? 4 },
    ...(options.publicUrl === undefined ? {} : { publicUrl: checkedPublicUrl(options.publicUrl) }),
  }
  // The job handlers and the props need the whole engine; they only run once it is complete.
  const engine = parts as Engine
  const props = propsFactory(engine)
  const deliveries = createAppDeliveries(engine, parts.apps, { awaited: options.jobs?.mode === 'manual' })
  const worker = createWorker({ queue: parts.jobs, clock: parts.clock, handlers: jobHandlers(engine, deliveries), sweep: (now) => sweep(engine, now), onError: jobFailed(logs) })
  return { engine: Object.assign(parts, { worker, props }), deliveries }
}

function traceWriteFailed(logs: LogStore) {
  return (error: unknown, rows: number) => logs.write({
    level: 'warn', audience: 'developer', source: 'runtime',
    message: `${rows} turn traces could not be stored (the turns themselves were): ${error instanceof Error ? error.message : String(error)}`,
  })
}

function jobFailed(logs: LogStore) {
  return (job: Job, error: unknown, final: boolean) => logs.write({
    level: 'error', audience: 'bot', source: 'runtime', data: { job },
    message: `job "${job.kind}" #${job.id} failed${final ? ' for the last time' : ', and will be tried again'}: ${error instanceof Error ? error.message : String(error)}`,
  })
}
