import { signAppRequest, type AppTrigger, type Context } from '@parley/sdk'
import type { AppSettings, Engine } from '../../engine/engine.js'
import { APP_REPLY_TAG, createAppStore, type NewAppDelivery, type StoredApp } from '../../storage/index.js'
import type { Job } from '../../jobs/job-queue.js'
import type { JobHandler } from '../../jobs/worker.js'
import { sendMessage } from '../outgoing/outgoing-message.js'
import { createCircuits, createLimiter } from './circuits.js'
import { postJson, type PostResult } from './http-post.js'

export const DELIVERY_TIMEOUT_MS = 15_000
/** Attempts before a delivery is given up (deferrals while a circuit is open count too). */
export const DELIVERY_ATTEMPTS = 10
/** Longest reply message accepted from an app. */
const REPLY_MAX = 20_000

/**
 * Deliveries run beside the job worker rather than in it, so a slow app (up to 15 s) holds up neither
 * the bot's other jobs nor other apps. A delivery's job stays leased while it runs; when it ends, the job
 * is completed, or released to run again after a backoff (so a restart picks it up), or failed for good.
 */
export interface AppDeliveries {
  readonly handler: JobHandler
  /** Aborts deliveries in flight and releases their jobs to run again at once (in the next process). */
  stop(): Promise<void>
}

interface DeliveryPayload {
  readonly appId: string
  readonly trigger: AppTrigger
  readonly conversationId: string
  readonly userId: string
  readonly body: unknown
}

/** `awaited`: a job run waits for its delivery (jobs run when a test says, and it then sees the outcome). */
export function createAppDeliveries(engine: Engine, settings: AppSettings, options: { readonly awaited: boolean }): AppDeliveries {
  const context: DeliveryContext = { engine, settings, circuits: createCircuits(), limiter: createLimiter(settings.concurrencyPerUrl), stopping: new AbortController() }
  const inFlight = new Set<Promise<void>>()
  return {
    handler: async (job) => {
      const run = deliver(context, job).catch((error: unknown) => logFailure(engine, job, error))
      inFlight.add(run)
      void run.finally(() => inFlight.delete(run))
      if (options.awaited) await run
      return { completed: true }
    },
    stop: async () => {
      context.stopping.abort()
      await Promise.all(inFlight)
    },
  }
}

interface DeliveryContext {
  readonly engine: Engine
  readonly settings: AppSettings
  readonly circuits: ReturnType<typeof createCircuits>
  readonly limiter: ReturnType<typeof createLimiter>
  readonly stopping: AbortController
}

async function deliver(context: DeliveryContext, job: Job): Promise<void> {
  const { engine } = context
  const payload = job.payload as unknown as DeliveryPayload
  const app = await createAppStore(engine.db, engine.botId).get(payload.appId)
  if (!app) return engine.jobs.complete(job)
  const openUntil = context.circuits.openUntil(app.webhookUrl, engine.clock.now())
  if (openUntil) return defer(context, job, payload, openUntil)
  const started = performance.now()
  try {
    const result = await context.limiter.run(app.webhookUrl, () => post(context, app, payload))
    await answered(context, job, payload, app, result, Math.round(performance.now() - started))
  } catch (error) {
    if (context.stopping.signal.aborted) return engine.jobs.retry(job, 'the runtime stopped during the delivery', engine.clock.now())
    await failed(context, job, payload, app, { error: messageOf(error), latencyMs: Math.round(performance.now() - started), retryable: true })
  }
}

/** Signs at the moment of sending, so a delivery that waited its turn is not stale on arrival. */
function post(context: DeliveryContext, app: StoredApp, payload: DeliveryPayload): Promise<PostResult> {
  const body = JSON.stringify(payload.body)
  const url = new URL(app.webhookUrl)
  url.searchParams.set('uid', payload.userId)
  const timestamp = Math.floor(context.engine.clock.now().getTime() / 1000)
  const headers = { 'x-parley-signature': signAppRequest({ secrets: app.secrets, uid: payload.userId, body, timestamp }), 'x-parley-trigger': payload.trigger, 'user-agent': 'Parley' }
  return postJson(url, body, { headers, timeoutMs: DELIVERY_TIMEOUT_MS, allowPrivate: context.settings.allowPrivateUrls, signal: context.stopping.signal })
}

async function answered(context: DeliveryContext, job: Job, payload: DeliveryPayload, app: StoredApp, result: PostResult, latencyMs: number): Promise<void> {
  const { engine } = context
  if (result.status < 200 || result.status >= 300) {
    const retryable = result.status === 408 || result.status === 429 || result.status >= 500
    return failed(context, job, payload, app, { error: `the app answered ${result.status}`, httpStatus: result.status, latencyMs, retryable })
  }
  context.circuits.succeeded(app.webhookUrl)
  const reply = await sendReply(engine, app, payload, result.body)
  await record(engine, job, payload, { status: 'delivered', httpStatus: result.status, latencyMs, ...reply })
  await engine.jobs.complete(job)
}

interface Failure {
  readonly error: string
  readonly httpStatus?: number
  readonly latencyMs: number
  readonly retryable: boolean
}

async function failed(context: DeliveryContext, job: Job, payload: DeliveryPayload, app: StoredApp, failure: Failure): Promise<void> {
  const { engine } = context
  const now = engine.clock.now()
  context.circuits.failed(app.webhookUrl, now)
  const final = !failure.retryable || job.attempts >= DELIVERY_ATTEMPTS
  const { retryable: _, ...details } = failure
  await record(engine, job, payload, { status: final ? 'failed' : 'retrying', ...details })
  engine.logs.write({
    level: final ? 'error' : 'warn', audience: 'bot', source: 'runtime', data: { appId: app.id, ...details },
    message: `app "${app.id}": delivery of ${payload.trigger} for conversation ${payload.conversationId} failed (attempt ${job.attempts}${final ? ', giving up' : ', will retry'}): ${failure.error}`,
  })
  await (final ? engine.jobs.fail(job, failure.error, now) : engine.jobs.retry(job, failure.error, backoff(now, job.attempts)))
}

async function defer(context: DeliveryContext, job: Job, payload: DeliveryPayload, until: Date): Promise<void> {
  const { engine } = context
  const error = `the app's circuit is open after repeated failures, until ${until.toISOString()}`
  if (job.attempts >= DELIVERY_ATTEMPTS) {
    await record(engine, job, payload, { status: 'failed', error })
    return engine.jobs.fail(job, error, engine.clock.now())
  }
  await record(engine, job, payload, { status: 'deferred', error })
  await engine.jobs.retry(job, error, until)
}

/** 1 s, 2 s, 4 s… after each failed attempt, at most 5 minutes. */
function backoff(now: Date, attempts: number): Date {
  return new Date(now.getTime() + Math.min(1000 * 2 ** Math.max(attempts - 1, 0), 300_000))
}

/** An app's `{ "message": "…" }` goes to the user in that conversation; an answer without one is fine. */
async function sendReply(engine: Engine, app: StoredApp, payload: DeliveryPayload, body: string): Promise<{ replyMessageId?: string; error?: string }> {
  const text = replyText(body)
  if (text === undefined) return {}
  if (text.length > REPLY_MAX) return { error: `the reply message is ${text.length} characters long; at most ${REPLY_MAX} are sent` }
  const ctx: Context = { botId: engine.botId, alias: '', conversationId: payload.conversationId, userId: payload.userId, messageId: '', eventId: '' }
  try {
    const message = await sendMessage(engine, ctx, { conversationId: payload.conversationId, userId: payload.userId, type: 'text', payload: { text }, tags: { [APP_REPLY_TAG]: app.id } })
    return { replyMessageId: message.id }
  } catch (error) {
    return { error: `the reply could not be sent: ${messageOf(error)}` }
  }
}

function replyText(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body)
    const message = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.hasOwn(parsed, 'message') ? (parsed as { message: unknown }).message : undefined
    return typeof message === 'string' && message.trim() !== '' ? message : undefined
  } catch {
    return undefined
  }
}

async function record(engine: Engine, job: Job, payload: DeliveryPayload, outcome: Pick<NewAppDelivery, 'status'> & Partial<NewAppDelivery>): Promise<void> {
  const { appId, trigger, conversationId, userId } = payload
  await createAppStore(engine.db, engine.botId).recordDelivery({ appId, trigger, conversationId, userId, attempt: job.attempts, ...outcome })
}

function logFailure(engine: Engine, job: Job, error: unknown): void {
  engine.logs.write({ level: 'error', audience: 'bot', source: 'runtime', data: { job }, message: `delivery job #${job.id} to an app failed: ${messageOf(error)}` })
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
