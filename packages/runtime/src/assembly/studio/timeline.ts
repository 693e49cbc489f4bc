import type { Engine } from '../../engine/engine.js'
import { FINISHED_WORKFLOW_STATUSES, type Trace, type WorkflowInstance } from '../../storage/index.js'

export interface TimelineEntry {
  readonly at: string
  readonly kind: 'started' | 'turn' | 'event' | 'timeout' | 'finished'
  readonly summary: string
  readonly eventId?: string
  readonly turnId?: string
  readonly failed?: boolean
}

/** How many of the conversation's events, and of the workflow's turns, a timeline shows. */
const EVENTS_SHOWN = 100
const TURNS_SHOWN = 100
/** How long after a run ended a turn of its handlers may still begin (its timeout handlers, run by a job). */
const LATE_TURN_MS = 60 * 60_000

/** A workflow run as it went: started, the events of its conversation since, its timeout, how it ended. */
export async function workflowTimeline(engine: Engine, id: string): Promise<{ workflow: WorkflowInstance; entries: TimelineEntry[] } | undefined> {
  const workflow = await engine.stores.workflows.get(id)
  if (!workflow) return undefined
  const entries: TimelineEntry[] = [{ at: workflow.createdAt, kind: 'started', summary: `${workflow.name} started` }]
  entries.push(...(await conversationEvents(engine, workflow)), ...(await workflowTurns(engine, workflow)))
  // Every run has a timeout; one that ended otherwise never reached it, so it is not shown.
  const finished = FINISHED_WORKFLOW_STATUSES.includes(workflow.status)
  if (workflow.timeoutAt && (!finished || workflow.status === 'timed_out')) entries.push({ at: workflow.timeoutAt, kind: 'timeout', summary: 'times out' })
  if (finished) {
    entries.push({ at: workflow.updatedAt, kind: 'finished', summary: workflow.error ? `${workflow.status}: ${workflow.error}` : workflow.status })
  }
  return { workflow, entries: entries.sort((a, b) => a.at.localeCompare(b.at)) }
}

/** Each turn that ran the workflow's handlers (start, continue, timeout), with how it went. */
async function workflowTurns(engine: Engine, workflow: WorkflowInstance): Promise<TimelineEntry[]> {
  // A run marked timed out has its timeout handlers run in a turn after that, so a finished run's turns are
  // looked for a while past its end; an unfinished one's up to now (turns are timed by the wall clock).
  const finished = FINISHED_WORKFLOW_STATUSES.includes(workflow.status)
  const until = finished ? new Date(workflow.updatedAt).getTime() + LATE_TURN_MS : Date.now()
  const turns = await engine.traces.listByWorkflow(workflow.id, new Date(workflow.createdAt), new Date(until), TURNS_SHOWN)
  return turns.map((turn) => ({ at: turn.startedAt, kind: 'turn' as const, summary: turnSummary(turn), turnId: turn.turnId, failed: turn.failed }))
}

function turnSummary(turn: Trace): string {
  const handlers = turn.steps.flatMap((step) => (step.kind === 'handler' ? [`${step.handler} (${step.owner}${step.result === 'error' ? ', failed' : ''})`] : []))
  return `${handlers.join(', ') || 'a turn'} in ${turn.durationMs} ms`
}

async function conversationEvents(engine: Engine, workflow: WorkflowInstance): Promise<TimelineEntry[]> {
  if (!workflow.conversationId) return []
  const { items } = await engine.stores.events.list({ conversationId: workflow.conversationId, limit: EVENTS_SHOWN })
  const finished = FINISHED_WORKFLOW_STATUSES.includes(workflow.status) ? workflow.updatedAt : undefined
  return items
    .filter((event) => event.createdAt >= workflow.createdAt && (finished === undefined || event.createdAt <= finished))
    .map((event) => ({ at: event.createdAt, kind: 'event' as const, summary: `event ${event.type} (${event.status})`, eventId: event.id }))
}
