import type { Context } from '@parley/sdk'
import type { Engine } from '../../engine/engine.js'
import { defined } from '../../engine/records.js'
import { startTrace, traceDocument, traceSummary, type TraceKind, type TraceRecorder } from '../../engine/trace.js'
import type { Turn } from '../../engine/turn.js'
import { beginTurn, checkTicket, createTurnBuffer, releaseTicket, type CommitResult, type TurnStart } from '../../storage/index.js'
import { recordStorageFailure, type HandlerFailure } from '../handlers/failures.js'
import { inLocalOrder } from './local-order.js'

// What a turn is, for the people writing handlers:
//
// - Its writes (the message received and its tags, state writes, messages sent, events emitted and the jobs
//   that deliver them, workflow runs started) are stored together when it ends, in one statement, and its
//   reads see them before. Nothing is stored while handler code awaits an LLM or a webhook, and no
//   database connection is held meanwhile.
// - A handler or hook that throws has its own writes undone; it is recorded, and the others run and are
//   stored. A turn that fails as a whole (its message fails its schema, say), or whose process dies,
//   stores nothing: the message was not accepted, and its sender is told so or gets no answer.
// - Messages the bot sends reach listeners (the web chat's streams) and channels once the turn is stored,
//   in the order they were sent. To show progress during a long turn, use the channel's typing indicator
//   (an action, which runs at once), or emit an event and do the slow part in its handler: each event is a
//   turn of its own, and this turn's messages are out as soon as it ends.
// - Events and jobs are due once the turn is stored; the worker is told at once.
// - Table rows and changes to stored workflow runs are written at once, not with the turn.
// - Messages and events of one conversation are handled one at a time, in arrival order, across processes;
//   so a read-then-write of that conversation's state, or of its user's, is safe. Other conversations run
//   in parallel: for state they share, use `update` (or `patch`), which is applied again to a newer
//   version when another turn wrote it first, so no write is lost.
// - An action called from outside the bot (the API) is a turn of its own, stored when it returns, and
//   stored not at all when it throws. Other client calls from outside write at once.

export interface TurnOptions {
  /** Run in this conversation's order: one at a time, after the turns that arrived before it, across processes. */
  readonly conversationId?: string
  /** The user whose states to load with the conversation's. */
  readonly userId?: string
  /** What log records of failures while storing link to. */
  readonly ctx?: Partial<Context>
  /** What the turn handles, as its trace names it. */
  readonly kind?: TraceKind
}

export interface TurnOutcome<T> {
  readonly value: T
  /** The states as stored, and the state writes that had to be left out (each recorded). */
  readonly stored: CommitResult
  readonly failures: readonly HandlerFailure[]
}

type Effect = { readonly run: () => Promise<void> | void; readonly ordered: boolean }

const NOTHING_STORED: CommitResult = { states: new Map(), failures: [] }

export async function runTurn<T>(engine: Engine, options: TurnOptions, work: (turn: Turn) => Promise<T>): Promise<TurnOutcome<T>> {
  const { conversationId } = options
  if (conversationId === undefined) return execute(engine, options, undefined, work)
  return inLocalOrder(`${engine.botId}\u0000${conversationId}`, async () => {
    // Only a server has other processes to line up with; the embedded database has this one.
    const leaseMs = engine.db.driver === 'postgres' ? engine.turns.leaseMs : undefined
    const start = await beginTurn(engine.db, engine.botId, { conversationId, ...defined({ userId: options.userId, leaseMs }) })
    return execute(engine, options, start, work)
  })
}

async function execute<T>(engine: Engine, options: TurnOptions, start: TurnStart | undefined, work: (turn: Turn) => Promise<T>): Promise<TurnOutcome<T>> {
  const buffer = createTurnBuffer({ db: engine.db, botId: engine.botId, stored: engine.stores, stateSizeLimit: engine.turns.stateSizeLimit, ...defined({ start }) })
  const effects: Effect[] = []
  let open = true
  const ctx = options.ctx ?? {}
  const trace = engine.turns.traces
    ? startTrace(options.kind ?? 'call', { ...defined({ conversationId: options.conversationId ?? (ctx.conversationId || undefined), messageId: ctx.messageId || undefined, eventId: ctx.eventId || undefined }) })
    : undefined
  const turn: Turn = {
    stores: buffer.stores,
    conversationId: options.conversationId,
    trace,
    get open() {
      return open
    },
    addJob: (job) => buffer.addJob(job),
    startedWorkflow: (id) => buffer.createdWorkflow(id),
    completeJob: (id) => buffer.completeJob(id),
    savepoint: (work_) => buffer.savepoint(work_),
    afterCommit: (run, effect = {}) => void effects.push({ run, ordered: effect.ordered ?? false }),
  }
  const ticket = start?.ticket === undefined ? undefined : { conversationId: options.conversationId!, ticket: start.ticket }
  const lease = ticket && keepLeased(engine, ticket)
  let holding = ticket !== undefined
  // A turn is recorded once (its trace has no unique key): a listener that throws does not record it again as failed.
  let recorded = false
  try {
    const value = await work(turn)
    const holdForEffects = effects.some((effect) => effect.ordered)
    const release = ticket && !holdForEffects ? ticket : undefined
    const stored = buffer.isEmpty() && !release ? NOTHING_STORED : await buffer.commit(release)
    holding = holdForEffects && holding
    open = false
    const failures = stored.failures.map((error) => recordStorageFailure(engine, ctx, error))
    await runEffects(engine, effects)
    if (buffer.addsJobs()) engine.worker.kick()
    recorded = true
    if (trace) recordTrace(engine, trace)
    return { value, stored, failures }
  } catch (error) {
    if (trace && !recorded) recordFailedTrace(engine, trace)
    throw error
  } finally {
    open = false
    lease?.stop()
    if (holding && ticket) await releaseTicket(engine.db, engine.botId, ticket.conversationId, ticket.ticket).catch(() => undefined)
  }
}

/**
 * Hands the trace of a stored turn to the trace store, which writes it with the next batch (after the
 * turn, not in its statement: see `createTraceBatch`), and tells the listeners (the studio's live view)
 * from memory; the store's reads write what waits first, so a listener that reads the turn finds it.
 */
function recordTrace(engine: Engine, trace: TraceRecorder): void {
  engine.traces.record(traceDocument(trace))
  if (engine.turnListeners.size === 0) return
  const summary = traceSummary(trace)
  for (const listener of engine.turnListeners) listener(summary)
}

/** A turn that failed as a whole stores nothing, but its trace says why. */
function recordFailedTrace(engine: Engine, trace: TraceRecorder): void {
  trace.failed = true
  recordTrace(engine, trace)
}

/** Each effect handles its own failures (a delivery records its own); one failing never stops the next. */
async function runEffects(engine: Engine, effects: readonly Effect[]): Promise<void> {
  for (const effect of effects) {
    try {
      await effect.run()
    } catch (error) {
      engine.logs.write({ level: 'error', audience: 'bot', source: 'runtime', message: `after a turn was stored: ${(error as Error).message ?? String(error)}` })
    }
  }
}

/** Extends the ticket's lease while the turn runs, so a long turn keeps its conversation. */
function keepLeased(engine: Engine, ticket: { conversationId: string; ticket: number }): { stop(): void } {
  const holder = { db: engine.db, botId: engine.botId, conversationId: ticket.conversationId, leaseMs: engine.turns.leaseMs }
  let warned = false
  const timer = setInterval(() => {
    void checkTicket(holder, ticket.ticket).then((state) => {
      if (state || warned) return
      warned = true
      engine.logs.write({
        level: 'warn', audience: 'bot', source: 'runtime', conversationId: ticket.conversationId,
        message: `a turn of conversation "${ticket.conversationId}" ran past its lease (${engine.turns.leaseMs} ms) without renewing it; the next message may have started before it ended`,
      })
    }, () => undefined)
  }, Math.max(10, Math.floor(engine.turns.leaseMs / 3)))
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
