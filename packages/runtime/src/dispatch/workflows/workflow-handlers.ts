import type { Context, Event, HandlerKind, WorkflowInstance } from '@parley/sdk'
import type { Engine } from '../../engine/engine.js'
import { defined, toWorkflow } from '../../engine/records.js'
import type { TraceLinks } from '../../engine/trace.js'
import type { Turn } from '../../engine/turn.js'
import type { CodeUnit } from '../../engine/units.js'
import { StorageError } from '../../storage/errors/index.js'
import type * as storage from '../../storage/index.js'
import { runHandlers } from '../handlers/run-handlers.js'
import { runTurn } from '../turns/run-turn.js'

// Each runs as one turn, which deletes the job that ran it (`jobId`) with its writes. Moving a run's
// status (pending → in_progress) is a claim on the stored run and is made at once.

/** Starts a pending workflow: it becomes `in_progress` and its `workflowStart` handlers run. */
export async function startWorkflowRun(engine: Engine, workflowId: string, jobId?: number): Promise<void> {
  await runTurn(engine, { kind: 'job' }, async (turn) => {
    const workflow = await turn.stores.workflows.get(workflowId)
    const started = workflow?.status === 'pending' ? await unlessFinished(() => turn.stores.workflows.update(workflowId, { status: 'in_progress' })) : undefined
    if (started) await runWorkflowHandlers(engine, turn, 'workflowStart', started)
    if (jobId !== undefined) turn.completeJob(jobId)
  })
}

/** Runs `workflowContinue` handlers of an unfinished workflow, with the event that moved it on if any. */
export async function continueWorkflow(engine: Engine, workflowId: string, jobId?: number): Promise<void> {
  await runTurn(engine, { kind: 'job' }, async (turn) => {
    await continueWorkflowIn(engine, turn, workflowId)
    if (jobId !== undefined) turn.completeJob(jobId)
  })
}

/** `workflowContinue` within a turn already running (an event delivered to the workflow). */
export async function continueWorkflowIn(engine: Engine, turn: Turn, workflowId: string, event?: Event): Promise<void> {
  const workflow = await turn.stores.workflows.get(workflowId)
  if (!workflow || (workflow.status !== 'pending' && workflow.status !== 'in_progress')) return
  const current = workflow.status === 'pending' ? await unlessFinished(() => turn.stores.workflows.update(workflowId, { status: 'in_progress' })) : workflow
  if (current) await runWorkflowHandlers(engine, turn, 'workflowContinue', current, event)
}

/** Runs `workflowTimeout` handlers of a workflow the sweep marked `timed_out`. */
export async function timeOutWorkflow(engine: Engine, workflowId: string, jobId?: number): Promise<void> {
  await runTurn(engine, { kind: 'job' }, async (turn) => {
    const workflow = await turn.stores.workflows.get(workflowId)
    if (workflow?.status === 'timed_out') await runWorkflowHandlers(engine, turn, 'workflowTimeout', workflow)
    if (jobId !== undefined) turn.completeJob(jobId)
  })
}

async function runWorkflowHandlers(engine: Engine, turn: Turn, kind: HandlerKind, workflow: storage.WorkflowInstance, event?: Event): Promise<void> {
  const ctx: Context = { botId: engine.botId, alias: '', conversationId: workflow.conversationId ?? '', userId: workflow.userId ?? '', messageId: '', eventId: event?.id ?? '' }
  const record = toWorkflow(workflow)
  // The workflow's timeline lists the turns that ran its handlers, and its conversation shows them.
  if (turn.trace) linkTrace(turn.trace.links, workflow)
  const given = event ?? workflowUpdate(engine, kind, record)
  const props = (unit: CodeUnit) => ({ workflow: engine.props.workflow(unit, ctx, turn, record), event: given })
  await runHandlers(engine, { kind, name: workflow.name, ctx, turn, props })
}

function linkTrace(links: TraceLinks, workflow: storage.WorkflowInstance): void {
  links.workflowId = workflow.id
  if (links.conversationId === undefined && workflow.conversationId) links.conversationId = workflow.conversationId
}

const UPDATE_TYPES: Partial<Record<HandlerKind, string>> = { workflowStart: 'workflow_started', workflowContinue: 'workflow_continued', workflowTimeout: 'workflow_timedout' }

/** What Botpress hands a workflow handler that no event moved on: a `workflow_update` event naming what happened to the run. */
function workflowUpdate(engine: Engine, kind: HandlerKind, workflow: WorkflowInstance): Event {
  const { conversationId, userId } = workflow
  const payload = { workflow, eventType: UPDATE_TYPES[kind], ...defined({ conversationId, userId }) }
  return { id: '', botId: engine.botId, type: 'workflow_update', payload, ...defined({ conversationId, userId }), createdAt: engine.clock.now().toISOString() }
}

/** Another process finished the workflow first: nothing is left to do here. */
async function unlessFinished<T>(update: () => Promise<T>): Promise<T | undefined> {
  try {
    return await update()
  } catch (error) {
    if (error instanceof StorageError && error.code === 'WORKFLOW_FINISHED') return undefined
    throw error
  }
}
