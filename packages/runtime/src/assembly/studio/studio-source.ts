import type { Engine } from '../../engine/engine.js'
import type { Job, JobStatus } from '../../jobs/job-queue.js'
import type { LogQuery } from '../../logging/log-store.js'
import type { LogRecord } from '../../logging/log-record.js'
import {
  listStates, searchConversations, type ConversationSearch, type FoundConversation, type ListedState, type MetricsBucket,
  type StateListQuery, type Trace, type TraceSummary, type WorkflowInstance,
} from '../../storage/index.js'
import { botOverview, type BotOverview } from './overview.js'
import { workflowTimeline, type TimelineEntry } from './timeline.js'

/**
 * What the studio reads of a running bot beyond its client: its make-up, traces, metrics, logs, jobs.
 * Every list is bounded by the caller's `limit`.
 */
export interface StudioSource {
  overview(): BotOverview
  metrics(minutes: number): Promise<MetricsBucket[]>
  turns(conversationId: string, limit: number): Promise<Trace[]>
  turn(turnId: string): Promise<Trace | undefined>
  /** Calls `listener` with each turn once stored; returns the function that stops it. */
  onTurn(listener: (turn: TraceSummary) => void): () => void
  logs(query: LogQuery): Promise<LogRecord[]>
  onLog(listener: (record: LogRecord) => void): () => void
  states(query: StateListQuery): Promise<ListedState[]>
  conversations(query: ConversationSearch): Promise<FoundConversation[]>
  jobs(status: JobStatus, limit: number): Promise<Job[]>
  retryJob(id: number): Promise<Job | undefined>
  cancelJob(id: number): Promise<boolean>
  workflowTimeline(id: string): Promise<{ workflow: WorkflowInstance; entries: TimelineEntry[] } | undefined>
}

export function studioSource(engine: Engine): StudioSource {
  const overview = botOverview(engine.definition)
  return {
    overview: () => overview,
    metrics: (minutes) => {
      const until = engine.clock.now()
      return engine.traces.metrics(new Date(until.getTime() - (minutes - 1) * 60_000), until)
    },
    turns: (conversationId, limit) => engine.traces.listByConversation(conversationId, limit),
    turn: (turnId) => engine.traces.get(turnId),
    onTurn: (listener) => {
      engine.turnListeners.add(listener)
      return () => void engine.turnListeners.delete(listener)
    },
    logs: (query) => engine.logs.list(query),
    onLog: (listener) => engine.logs.subscribe(listener),
    states: (query) => listStates(engine.db, engine.botId, query),
    conversations: (query) => searchConversations(engine.db, engine.botId, query),
    jobs: (status, limit) => engine.jobs.listByStatus(status, limit),
    retryJob: async (id) => {
      const job = await engine.jobs.retryNow(id, engine.clock.now())
      if (job) engine.worker.kick()
      return job
    },
    cancelJob: (id) => engine.jobs.remove(id, engine.clock.now()),
    workflowTimeline: (id) => workflowTimeline(engine, id),
  }
}
