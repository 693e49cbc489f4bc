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

/**
 * How far before its last tick an app's tick reads messages. A message is stored with the time its turn's
 * transaction began, and becomes visible when that one statement commits: this covers commits that slow.
 */
const LOOK_BACK_MS = 5 * 60_000

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
    await engine.db.transaction(async (tx) => {
      const store = createAppStore(tx, engine.botId)
      const since = new Date(((await store.tickedAt(app.id)) ?? now).getTime() - LOOK_BACK_MS)
      const complete = app.trigger === 'transcript_processed' ? await queueTranscripts(engine, tx, app, since) : await queueEnded(engine, tx, app, since, now)
      // A tick that had more than it sends at once leaves the window where it was, so the rest come next.
      if (complete) await store.markTicked(app.id, now)
    })
  } catch (error) {
    engine.logs.write({ level: 'error', audience: 'bot', source: 'runtime', message: `app "${app.id}": looking for what to send failed: ${error instanceof Error ? error.message : String(error)}` })
  }
  return { rescheduleAt: new Date(now.getTime() + app.intervalSeconds * 1000) }
}

/** Queues a batch per conversation with news; whether that was all of it. */
async function queueTranscripts(engine: Engine, tx: Queryable, app: StoredApp, since: Date): Promise<boolean> {
  const store = createAppStore(tx, engine.botId)
  const pending = await store.pendingMessages(app.id, since, BATCH_MESSAGES)
  for (const [conversationId, messages] of byConversation(pending)) {
    await queueDelivery(engine, tx, app, { conversationId, userId: userOf(messages), body: transcriptBody(conversationId, messages) })
    await store.advanceCursor(app.id, conversationId, 'cursor_seq', messages.at(-1)!.seq)
  }
  return pending.length < BATCH_MESSAGES
}

/** Queues a `memory_creation` per conversation that went quiet; whether that was all of them. */
async function queueEnded(engine: Engine, tx: Queryable, app: StoredApp, since: Date, now: Date): Promise<boolean> {
  const store = createAppStore(tx, engine.botId)
  const conversations = createConversationStore(tx, engine.botId)
  const quietFor = app.memoryAfterSeconds * 1000
  const window = { since: new Date(since.getTime() - quietFor), silentSince: new Date(now.getTime() - quietFor) }
  const ended = await store.endedConversations(app.id, window, ENDED_PER_TICK)
  for (const { conversationId, userId, lastIncomingSeq } of ended) {
    const conversation = await conversations.get(conversationId)
    if (conversation) await queueDelivery(engine, tx, app, { conversationId, userId, body: memoryBody(conversation, await store.transcript(conversationId, MEMORY_MESSAGES)) })
    await store.advanceCursor(app.id, conversationId, 'memory_seq', lastIncomingSeq)
  }
  return ended.length < ENDED_PER_TICK
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
