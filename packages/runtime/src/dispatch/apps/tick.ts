import type { Engine } from '../../engine/engine.js'
import type { Queryable } from '../../storage/database/index.js'
import { createAppStore, createConversationStore, type PendingMessage, type StoredApp } from '../../storage/index.js'
import type { Job } from '../../jobs/job-queue.js'
import type { JobOutcome } from '../../jobs/worker.js'
import { APP_DELIVERY_JOB } from '../../jobs/job-kinds.js'
import { memoryBody, transcriptBody, userOf } from './payloads.js'

/** Most messages one tick sends an app, and most ended conversations it delivers; the rest wait for the next. */
const BATCH_MESSAGES = 2000
const ENDED_PER_TICK = 100
/** A `memory_creation` carries at most the conversation's newest messages. */
const MEMORY_MESSAGES = 1000

/** The key of an app's tick job: one per app. */
export const tickKey = (appId: string) => `app:${appId}`

/**
 * An app's tick: turns what happened since the last one into delivery jobs, in one transaction with the
 * app's cursors, so each message is batched once even if the process dies; then runs again after the
 * app's interval. A failing tick is logged and tried at the next interval, so the app is never dropped.
 */
export async function runAppTick(engine: Engine, job: Job): Promise<JobOutcome> {
  const now = engine.clock.now()
  const app = await createAppStore(engine.db, engine.botId).get(String(job.payload['appId']))
  if (!app) return undefined
  try {
    await engine.db.transaction((tx) => (app.trigger === 'transcript_processed' ? queueTranscripts(engine, tx, app) : queueEnded(engine, tx, app, now)))
  } catch (error) {
    engine.logs.write({ level: 'error', audience: 'bot', source: 'runtime', message: `app "${app.id}": looking for what to send failed: ${error instanceof Error ? error.message : String(error)}` })
  }
  return { rescheduleAt: new Date(now.getTime() + app.intervalSeconds * 1000) }
}

async function queueTranscripts(engine: Engine, tx: Queryable, app: StoredApp): Promise<void> {
  const store = createAppStore(tx, engine.botId)
  const pending = await store.pendingMessages(app.id, BATCH_MESSAGES)
  for (const [conversationId, messages] of byConversation(pending)) {
    await queueDelivery(engine, tx, app, { conversationId, userId: userOf(messages), body: transcriptBody(conversationId, messages) })
    await store.advanceCursor(app.id, conversationId, 'cursor_seq', messages.at(-1)!.seq)
  }
}

async function queueEnded(engine: Engine, tx: Queryable, app: StoredApp, now: Date): Promise<void> {
  const store = createAppStore(tx, engine.botId)
  const conversations = createConversationStore(tx, engine.botId)
  const ended = await store.endedConversations(app.id, new Date(now.getTime() - app.memoryAfterSeconds * 1000), ENDED_PER_TICK)
  for (const { conversationId, userId, lastIncomingSeq } of ended) {
    const conversation = await conversations.get(conversationId)
    if (conversation) await queueDelivery(engine, tx, app, { conversationId, userId, body: memoryBody(conversation, await store.transcript(conversationId, MEMORY_MESSAGES)) })
    await store.advanceCursor(app.id, conversationId, 'memory_seq', lastIncomingSeq)
  }
}

interface DeliveryRequest {
  readonly conversationId: string
  readonly userId: string
  readonly body: object
}

async function queueDelivery(engine: Engine, tx: Queryable, app: StoredApp, delivery: DeliveryRequest): Promise<void> {
  const payload = { appId: app.id, trigger: app.trigger, ...delivery }
  await engine.jobs.enqueue(tx, { kind: APP_DELIVERY_JOB, payload, runAt: engine.clock.now() })
}

function byConversation(messages: readonly PendingMessage[]): Map<string, PendingMessage[]> {
  const groups = new Map<string, PendingMessage[]>()
  for (const message of messages) {
    const group = groups.get(message.conversationId) ?? groups.set(message.conversationId, []).get(message.conversationId)!
    group.push(message)
  }
  return groups
}
