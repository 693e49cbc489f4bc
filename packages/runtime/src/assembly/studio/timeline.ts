import type { Engine } from '../../engine/engine.js'
import { FINISHED_WORKFLOW_STATUSES, type WorkflowInstance } from '../../storage/index.js'

export interface TimelineEntry {
  readonly at: string
  readonly kind: 'started' | 'event' | 'timeout' | 'finished'
  readonly summary: string
  readonly eventId?: string
}

/** How many of the conversation's events a timeline shows. */
const EVENTS_SHOWN = 100

/** A workflow run as it went: started, the events of its conversation since, its timeout, how it ended. */
export async function workflowTimeline(engine: Engine, id: string): Promise<{ workflow: WorkflowInstance; entries: TimelineEntry[] } | undefined> {
  const workflow = await engine.stores.workflows.get(id)
  if (!workflow) return undefined
  const entries: TimelineEntry[] = [{ at: workflow.createdAt, kind: 'started', summary: `${workflow.name} started` }]
  entries.push(...(await conversationEvents(engine, workflow)))
  if (workflow.timeoutAt) entries.push({ at: workflow.timeoutAt, kind: 'timeout', summary: 'times out' })
  if (FINISHED_WORKFLOW_STATUSES.includes(workflow.status)) {
    entries.push({ at: workflow.updatedAt, kind: 'finished', summary: workflow.error ? `${workflow.status}: ${workflow.error}` : workflow.status })
  }
  return { workflow, entries: entries.sort((a, b) => a.at.localeCompare(b.at)) }
}

async function conversationEvents(engine: Engine, workflow: WorkflowInstance): Promise<TimelineEntry[]> {
  if (!workflow.conversationId) return []
  const { items } = await engine.stores.events.list({ conversationId: workflow.conversationId, limit: EVENTS_SHOWN })
  const finished = FINISHED_WORKFLOW_STATUSES.includes(workflow.status) ? workflow.updatedAt : undefined
  return items
    .filter((event) => event.createdAt >= workflow.createdAt && (finished === undefined || event.createdAt <= finished))
    .map((event) => ({ at: event.createdAt, kind: 'event' as const, summary: `event ${event.type} (${event.status})`, eventId: event.id }))
}
