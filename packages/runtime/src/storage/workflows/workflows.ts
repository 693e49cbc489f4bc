import type { WorkflowStatus } from '@parley/sdk'
import type { Queryable } from '../database/database.js'
import { notFound, StorageError } from '../errors/storage-error.js'
import { countRecords, listRecords, mapPage, type ListQuery } from '../sql/list.js'
import type { Page, PageOptions } from '../sql/paging.js'
import { sqlParams, type SqlParams } from '../sql/params.js'
import { defined, newId, toIso } from '../sql/records.js'
import { mergedTags, type Tags } from '../tags/tags.js'

export type { WorkflowStatus }

/** Statuses a workflow never leaves. */
export const FINISHED_WORKFLOW_STATUSES: readonly WorkflowStatus[] = ['completed', 'failed', 'cancelled', 'timed_out']

/** One run of a declared workflow. */
export interface WorkflowInstance {
  readonly id: string
  readonly name: string
  readonly status: WorkflowStatus
  readonly input: Record<string, unknown>
  readonly output?: Record<string, unknown>
  readonly error?: string
  readonly conversationId?: string
  readonly userId?: string
  /** When the run times out unless it finished before. */
  readonly timeoutAt?: string
  /** Labels code finds runs by (`getOrCreateInstance({ tags })`). */
  readonly tags: Tags
  readonly createdAt: string
  readonly updatedAt: string
}

export interface CreateWorkflowInput {
  readonly name: string
  readonly input: Record<string, unknown>
  readonly status?: 'pending' | 'in_progress'
  readonly conversationId?: string
  readonly userId?: string
  readonly timeoutAt?: Date
  readonly tags?: Tags
}

/** Fields left out stay as they are. */
export interface UpdateWorkflowInput {
  readonly status?: WorkflowStatus
  readonly output?: Record<string, unknown>
  readonly error?: string
  readonly timeoutAt?: Date
  /** Added to the run's tags, replacing those of the same name. */
  readonly tags?: Tags
}

export interface ListWorkflowsOptions extends PageOptions {
  readonly name?: string
  readonly status?: WorkflowStatus | readonly WorkflowStatus[]
  readonly conversationId?: string
  readonly userId?: string
  /** Only runs having all of these tags. */
  readonly tags?: Tags
}

export interface WorkflowStore {
  create(input: CreateWorkflowInput): Promise<WorkflowInstance>
  get(id: string): Promise<WorkflowInstance | undefined>
  list(options?: ListWorkflowsOptions): Promise<Page<WorkflowInstance>>
  /** How many runs `list` would go through, all pages together. */
  count(options?: ListWorkflowsOptions): Promise<number>
  /**
   * @throws StorageError `NOT_FOUND` when the bot has no such workflow, `WORKFLOW_FINISHED` when it already
   * finished: a finished run stays as it ended, so two processes cannot both complete it.
   */
  update(id: string, input: UpdateWorkflowInput): Promise<WorkflowInstance>
  /** Unfinished workflows whose timeout passed at `now` (the database's clock by default), oldest first. */
  listTimedOut(now?: Date, limit?: number): Promise<WorkflowInstance[]>
}

/** The workflow runs of one bot. */
export function createWorkflowStore(db: Queryable, botId: string): WorkflowStore {
  return {
    create: (input) => createWorkflow(db, botId, input),
    get: (id) => getWorkflow(db, botId, id),
    list: (options = {}) => listWorkflows(db, botId, options),
    count: (options = {}) => countRecords(db, workflowQuery(botId, options)),
    update: (id, input) => updateWorkflow(db, botId, id, input),
    listTimedOut: (now, limit = 100) => listTimedOut(db, botId, now, limit),
  }
}

interface WorkflowRow {
  id: string
  name: string
  status: WorkflowStatus
  input: Record<string, unknown>
  output: Record<string, unknown> | null
  error: string | null
  conversation_id: string | null
  user_id: string | null
  timeout_at: Date | null
  tags: Tags
  created_at: Date
  updated_at: Date
}

const COLUMNS = 'id, name, status, input, output, error, conversation_id, user_id, timeout_at, tags, created_at, updated_at'
const UNFINISHED = `status IN ('pending', 'in_progress')`

function toWorkflow(row: WorkflowRow): WorkflowInstance {
  const { id, name, status, input } = row
  const optionals = defined({ output: row.output, error: row.error, conversationId: row.conversation_id, userId: row.user_id })
  const timeoutAt = row.timeout_at ? toIso(row.timeout_at) : undefined
  return { id, name, status, input, ...optionals, ...defined({ timeoutAt }), tags: row.tags, createdAt: toIso(row.created_at), updatedAt: toIso(row.updated_at) }
}

function timestamp(p: SqlParams, value: Date | undefined): string {
  return p.add(value ? value.toISOString() : null, 'timestamptz')
}

async function createWorkflow(db: Queryable, botId: string, input: CreateWorkflowInput): Promise<WorkflowInstance> {
  const p = sqlParams()
  const values = [p.add(botId), p.add(newId('wf')), p.add(input.name), p.add(input.status ?? 'pending'), p.json(input.input),
    p.add(input.conversationId ?? null), p.add(input.userId ?? null), timestamp(p, input.timeoutAt), p.json(input.tags ?? {})]
  const sql = `INSERT INTO parley_workflows (bot_id, id, name, status, input, conversation_id, user_id, timeout_at, tags)
    VALUES (${values.join(', ')}) RETURNING ${COLUMNS}`
  return toWorkflow((await db.query<WorkflowRow>(sql, p.values)).rows[0]!)
}

async function getWorkflow(db: Queryable, botId: string, id: string): Promise<WorkflowInstance | undefined> {
  const { rows } = await db.query<WorkflowRow>(`SELECT ${COLUMNS} FROM parley_workflows WHERE bot_id = $1 AND id = $2`, [botId, id])
  return rows[0] && toWorkflow(rows[0])
}

function workflowQuery(botId: string, { name, status, conversationId, userId, tags }: ListWorkflowsOptions): Omit<ListQuery, 'columns' | 'page'> {
  const equal = { bot_id: botId, name, conversation_id: conversationId, user_id: userId }
  const statuses = status === undefined ? undefined : [status].flat()
  const conditions = (p: SqlParams) => (statuses ? [`status IN (${statuses.map((s) => p.add(s)).join(', ') || 'NULL'})`] : [])
  return { table: 'parley_workflows', equal, tags, conditions }
}

async function listWorkflows(db: Queryable, botId: string, options: ListWorkflowsOptions): Promise<Page<WorkflowInstance>> {
  const { limit, offset, order } = options
  return mapPage(await listRecords<WorkflowRow>(db, { ...workflowQuery(botId, options), columns: COLUMNS, page: { limit, offset, order } }), toWorkflow)
}

async function updateWorkflow(db: Queryable, botId: string, id: string, input: UpdateWorkflowInput): Promise<WorkflowInstance> {
  const p = sqlParams()
  const sql = `UPDATE parley_workflows SET status = COALESCE(${p.add(input.status ?? null, 'text')}, status),
    output = COALESCE(${p.json(input.output ?? null)}, output), error = COALESCE(${p.add(input.error ?? null, 'text')}, error),
    timeout_at = COALESCE(${timestamp(p, input.timeoutAt)}, timeout_at), tags = ${mergedTags(p, input.tags)}, updated_at = now()
    WHERE bot_id = ${p.add(botId)} AND id = ${p.add(id)} AND ${UNFINISHED} RETURNING ${COLUMNS}`
  const { rows } = await db.query<WorkflowRow>(sql, p.values)
  if (rows[0]) return toWorkflow(rows[0])
  throw await whyNotUpdated(db, botId, id)
}

async function whyNotUpdated(db: Queryable, botId: string, id: string): Promise<StorageError> {
  const existing = await getWorkflow(db, botId, id)
  if (!existing) return notFound('workflow', id, botId)
  return new StorageError('WORKFLOW_FINISHED', `workflow "${id}" (${existing.name}) already finished as ${existing.status}; a finished workflow cannot change, so start a new one instead`)
}

async function listTimedOut(db: Queryable, botId: string, now: Date | undefined, limit: number): Promise<WorkflowInstance[]> {
  const p = sqlParams()
  const at = now ? timestamp(p, now) : 'now()'
  const sql = `SELECT ${COLUMNS} FROM parley_workflows WHERE bot_id = ${p.add(botId)} AND ${UNFINISHED} AND timeout_at <= ${at}
    ORDER BY timeout_at LIMIT ${p.add(limit, 'integer')}`
  return (await db.query<WorkflowRow>(sql, p.values)).rows.map(toWorkflow)
}
