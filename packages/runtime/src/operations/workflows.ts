import { DEFAULT_WORKFLOW_TIMEOUT_MS, type Client, type Tags } from '@parley/sdk'
import type { Engine } from '../engine/engine.js'
import { notFound, PayloadError } from '../engine/errors.js'
import type { Caller } from '../engine/units.js'
import { defined, storedTags, toWorkflow } from '../engine/records.js'
import { storesOf, type Turn } from '../engine/turn.js'
import { runTurn } from '../dispatch/turns/run-turn.js'
import { WORKFLOW_CONTINUE_JOB, WORKFLOW_START_JOB } from '../jobs/job-kinds.js'
import type { WorkflowStatus } from '../storage/workflows/index.js'
import { parsePayload } from '../engine/payload.js'

export interface StartWorkflowRequest {
  readonly name: string
  readonly input: unknown
  readonly conversationId?: string
  readonly userId?: string
  readonly timeoutMs?: number
  readonly timeoutAt?: string
  readonly tags?: Tags
}

/** Stores the run as `pending` with the job that starts it, so `workflowStart` handlers run even after a restart. */
export async function startWorkflow(engine: Engine, caller: Caller, request: StartWorkflowRequest) {
  const name = caller.unit.scope.workflow(request.name)
  const input = parsePayload<Record<string, unknown>>(engine.definition.workflows[name]!.input.schema, request.input, `workflow "${name}" input`)
  const timeoutAt = timeoutOf(engine, name, request)
  const tags = storedTags(request.tags)
  const conversationId = request.conversationId ?? (caller.ctx.conversationId || undefined)
  const userId = request.userId ?? (caller.ctx.userId || undefined)
  const start = async (turn: Turn) => {
    const created = await turn.stores.workflows.create({ name, input, ...defined({ conversationId, userId, timeoutAt, tags }) })
    turn.addJob({ kind: WORKFLOW_START_JOB, payload: { workflowId: created.id }, runAt: engine.clock.now().toISOString() })
    return created
  }
  const workflow = caller.turn?.open ? await start(caller.turn) : (await runTurn(engine, {}, start)).value
  return { workflow: toWorkflow(workflow) }
}

export async function getWorkflow(engine: Engine, caller: Caller, request: { readonly id: string }) {
  const workflow = await storesOf(engine.stores, caller.turn).workflows.get(request.id)
  if (!workflow) throw notFound('workflow', request.id, engine.botId)
  return { workflow: toWorkflow(workflow) }
}

export interface UpdateWorkflowRequest {
  readonly id: string
  readonly status?: 'in_progress' | 'completed' | 'failed' | 'cancelled'
  readonly output?: object
  readonly error?: string
  readonly tags?: Tags
  readonly timeoutAt?: string
}

/**
 * Moving a workflow to `in_progress` continues it: its `workflowContinue` handlers run. A run stored before
 * this turn changes at once, with the job that continues it (a run finishes once: two processes must not
 * both think they completed it); a run started in this turn changes with the turn.
 */
export async function updateWorkflow(engine: Engine, caller: Caller, request: UpdateWorkflowRequest) {
  const { workflow: current } = await getWorkflow(engine, caller, request)
  const output = request.output === undefined ? undefined : parsePayload<Record<string, unknown>>(engine.definition.workflows[current.name]!.output.schema, request.output, `workflow "${current.name}" output`)
  const timeoutAt = request.timeoutAt === undefined ? undefined : timeoutOf(engine, current.name, { timeoutAt: request.timeoutAt })
  const changes = defined({ status: request.status, output, error: request.error, tags: storedTags(request.tags), timeoutAt })
  const continues = request.status === 'in_progress'
  const runAt = engine.clock.now()
  if (caller.turn?.open && caller.turn.startedWorkflow(request.id)) {
    const updated = await caller.turn.stores.workflows.update(request.id, changes)
    if (continues) caller.turn.addJob({ kind: WORKFLOW_CONTINUE_JOB, payload: { workflowId: updated.id }, runAt: runAt.toISOString() })
    return { workflow: toWorkflow(updated) }
  }
  const workflow = await engine.transaction(async ({ stores, db }) => {
    const updated = await stores.workflows.update(request.id, changes)
    if (continues) await engine.jobs.enqueue(db, { kind: WORKFLOW_CONTINUE_JOB, payload: { workflowId: updated.id }, runAt })
    return updated
  })
  engine.worker.kick()
  return { workflow: toWorkflow(workflow) }
}

export type ListWorkflowsRequest = NonNullable<Parameters<Client['listWorkflows']>[0]>

export async function listWorkflows(engine: Engine, caller: Caller, request: ListWorkflowsRequest = {}) {
  const name = request.name === undefined ? undefined : caller.unit.scope.workflow(request.name)
  const { conversationId, userId, limit, offset } = request
  const status = request.status as WorkflowStatus | WorkflowStatus[] | undefined
  const page = await storesOf(engine.stores, caller.turn).workflows.list(defined({ name, status, conversationId, userId, tags: storedTags(request.tags), limit, offset }))
  return { workflows: page.items.map(toWorkflow) }
}

/** `timeoutMs` from now, or `timeoutAt` (Botpress's spelling), which must be a date. */
/** When the run times out: as asked, else {@link DEFAULT_WORKFLOW_TIMEOUT_MS} from now, as Botpress gives every run a timeout. */
function timeoutOf(engine: Engine, name: string, request: { readonly timeoutMs?: number; readonly timeoutAt?: string }): Date {
  const { timeoutMs, timeoutAt } = request
  if (timeoutAt !== undefined) {
    const at = Date.parse(timeoutAt)
    if (Number.isFinite(at)) return new Date(at)
    throw new PayloadError(`workflow "${name}"`, [{ path: 'timeoutAt', message: `${JSON.stringify(timeoutAt.slice(0, 40))} is not an ISO 8601 date` }])
  }
  if (timeoutMs === undefined) return new Date(engine.clock.now().getTime() + DEFAULT_WORKFLOW_TIMEOUT_MS)
  if (Number.isFinite(timeoutMs) && timeoutMs > 0) return new Date(engine.clock.now().getTime() + timeoutMs)
  throw new PayloadError(`workflow "${name}"`, [{ path: 'timeoutMs', message: `${timeoutMs} is not a positive number of milliseconds` }])
}
