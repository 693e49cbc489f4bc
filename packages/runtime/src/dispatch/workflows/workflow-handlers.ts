import type { Context, Event, HandlerKind } from '@parley/sdk'
import type { Engine } from '../../engine/engine.js'
import { StorageError } from '../../storage/errors/index.js'
import type * as storage from '../../storage/index.js'
import { toWorkflow } from '../../engine/records.js'
import { runHandlers } from '../handlers/run-handlers.js'

/** Starts a pending workflow: it becomes `in_progress` and its `workflowStart` handlers run. */
export async function startWorkflowRun(engine: Engine, workflowId: string): Promise<void> {
  const workflow = await engine.stores.workflows.get(workflowId)
  if (workflow?.status !== 'pending') return
  const started = await unlessFinished(() => engine.stores.workflows.update(workflowId, { status: 'in_progress' }))
  if (started) await runWorkflowHandlers(engine, 'workflowStart', started)
}

/** Runs `workflowContinue` handlers of an unfinished workflow, with the event that moved it on if any. */
export async function continueWorkflow(engine: Engine, workflowId: string, event?: Event): Promise<void> {
  const workflow = await engine.stores.workflows.get(workflowId)
  if (!workflow || (workflow.status !== 'pending' && workflow.status !== 'in_progress')) return
  const current = workflow.status === 'pending' ? await unlessFinished(() => engine.stores.workflows.update(workflowId, { status: 'in_progress' })) : workflow
  if (current) await runWorkflowHandlers(engine, 'workflowContinue', current, event)
}

/** Runs `workflowTimeout` handlers of a workflow the sweep marked `timed_out`. */
export async function timeOutWorkflow(engine: Engine, workflowId: string): Promise<void> {
  const workflow = await engine.stores.workflows.get(workflowId)
  if (workflow?.status === 'timed_out') await runWorkflowHandlers(engine, 'workflowTimeout', workflow)
}

async function runWorkflowHandlers(engine: Engine, kind: HandlerKind, workflow: storage.WorkflowInstance, event?: Event): Promise<void> {
  const ctx: Context = { botId: engine.botId, alias: '', conversationId: workflow.conversationId ?? '', userId: workflow.userId ?? '', messageId: '', eventId: event?.id ?? '' }
  const props = { workflow: toWorkflow(workflow), ...(event ? { event } : {}) }
  await runHandlers(engine, { kind, name: workflow.name, ctx, props: () => props })
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
