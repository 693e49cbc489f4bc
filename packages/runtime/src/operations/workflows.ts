import type { Engine } from '../engine/engine.js'
import { notFound, PayloadError } from '../engine/errors.js'
import type { Caller } from '../engine/units.js'
import { defined, toWorkflow } from '../engine/records.js'
import { WORKFLOW_CONTINUE_JOB, WORKFLOW_START_JOB } from '../jobs/job-kinds.js'
import type { WorkflowStatus } from '../storage/workflows/index.js'
import { parsePayload } from '../engine/payload.js'

export interface StartWorkflowRequest {
  readonly name: string
  readonly input: unknown
  readonly conversationId?: string
  readonly userId?: string
  readonly timeoutMs?: number
}

/** Stores the run as `pending` with the job that starts it, so `workflowStart` handlers run even after a restart. */
export async function startWorkflow(engine: Engine, caller: Caller, request: StartWorkflowRequest) {
  const name = caller.unit.scope.workflow(request.name)
  const input = parsePayload<Record<string, unknown>>(engine.definition.workflows[name]!.input.schema, request.input, `workflow "${name}" input`)
  const timeoutAt = timeoutOf(engine, name, request.timeoutMs)
  const conversationId = request.conversationId ?? (caller.ctx.conversationId || undefined)
  const userId = request.userId ?? (caller.ctx.userId || undefined)
  const workflow = await engine.transaction(async ({ stores, db }) => {
    const created = await stores.workflows.create({ name, input, ...defined({ conversationId, userId, timeoutAt }) })
    await engine.jobs.enqueue(db, { kind: WORKFLOW_START_JOB, payload: { workflowId: created.id }, runAt: engine.clock.now() })
    return created
  })
  engine.worker.kick()
  return { workflow: toWorkflow(workflow) }
}

export async function getWorkflow(engine: Engine, request: { readonly id: string }) {
  const workflow = await engine.stores.workflows.get(request.id)
  if (!workflow) throw notFound('workflow', request.id, engine.botId)
  return { workflow: toWorkflow(workflow) }
}

export interface UpdateWorkflowRequest {
  readonly id: string
  readonly status?: 'in_progress' | 'completed' | 'failed' | 'cancelled'
  readonly output?: object
  readonly error?: string
}

/** Moving a workflow to `in_progress` continues it: its `workflowContinue` handlers run. */
export async function updateWorkflow(engine: Engine, request: UpdateWorkflowRequest) {
  const { workflow: current } = await getWorkflow(engine, request)
  const output = request.output === undefined ? undefined : parsePayload<Record<string, unknown>>(engine.definition.workflows[current.name]!.output.schema, request.output, `workflow "${current.name}" output`)
  const workflow = await engine.transaction(async ({ stores, db }) => {
    const updated = await stores.workflows.update(request.id, defined({ status: request.status, output, error: request.error }))
    if (request.status === 'in_progress') await engine.jobs.enqueue(db, { kind: WORKFLOW_CONTINUE_JOB, payload: { workflowId: updated.id }, runAt: engine.clock.now() })
    return updated
  })
  engine.worker.kick()
  return { workflow: toWorkflow(workflow) }
}

export async function listWorkflows(engine: Engine, caller: Caller, request: { readonly name?: string; readonly status?: string; readonly conversationId?: string } = {}) {
  const name = request.name === undefined ? undefined : caller.unit.scope.workflow(request.name)
  const page = await engine.stores.workflows.list(defined({ name, status: request.status as WorkflowStatus | undefined, conversationId: request.conversationId }))
  return { workflows: page.items.map(toWorkflow) }
}

function timeoutOf(engine: Engine, name: string, timeoutMs: number | undefined): Date | undefined {
  if (timeoutMs === undefined) return undefined
  if (Number.isFinite(timeoutMs) && timeoutMs > 0) return new Date(engine.clock.now().getTime() + timeoutMs)
  throw new PayloadError(`workflow "${name}"`, [{ path: 'timeoutMs', message: `${timeoutMs} is not a positive number of milliseconds` }])
}
