import type { Queryable } from '../database/database.js'
import { StateVersionConflictError } from '../errors/state-version-conflict-error.js'
import { StorageError } from '../errors/storage-error.js'
import type { StateRecord } from '../states/state-rows.js'
import { applySteps, finalWrite, type StateWrite } from '../states/state-steps.js'
import type { StateStore } from '../states/states.js'
import { readWriteResult } from '../states/state-writes.js'
import { afterConflict, MAX_WRITE_ATTEMPTS } from '../../guards/index.js'
import { nowIso, participantKey, stateKeyOf, type Pending, type StateEntry } from './pending.js'

export interface CommitOptions {
  readonly db: Queryable
  readonly botId: string
  /** Largest state payload accepted, in bytes of JSON. */
  readonly limit: number
  /** The stored states, read again when another writer got in first. */
  readonly stored: StateStore
  /** Senders known to be participants of the conversation they wrote to (`participantKey`): not added again. */
  readonly participants?: ReadonlySet<string>
  /** The conversation ticket to give back in the same statement. */
  readonly release?: { readonly conversationId: string; readonly ticket: number }
}

export interface CommitResult {
  /** Each state written, as stored (undefined once deleted), by `stateKeyOf`. */
  readonly states: ReadonlyMap<string, StateRecord | undefined>
  /**
   * State writes left out: a conditional write (`ifVersion`) another writer beat, or an update that could
   * not be applied to the newer version. Everything else was stored.
   */
  readonly failures: readonly Error[]
}

/**
 * Stores everything `pending` holds in one statement (`parley_turn_commit`), so it is one transaction and
 * one round trip. When a state changed since the turn read it, the statement stores nothing; the turn's
 * patches and updates of that state are applied again to its newer version, and the statement runs again.
 */
export async function commitPending(pending: Pending, options: CommitOptions): Promise<CommitResult> {
  const failures: Error[] = []
  for (let attempt = 1; ; attempt++) {
    const started = performance.now()
    const writes = stateWrites(pending)
    try {
      const stored = await run(options, documentOf(pending, writes.map(([, write]) => write), options))
      return { states: storedStates(pending, writes, stored, failures), failures }
    } catch (error) {
      const index = conflictIndex(error)
      if (index === undefined) throw userDeleted(error, options.botId) ?? error
      const entry = pending.states.get(writes[index]![0])!
      if (attempt >= MAX_WRITE_ATTEMPTS) {
        failures.push(new StateVersionConflictError(entry.key, entry.base?.version ?? 0, -1, `state "${entry.key.name}" of ${entry.key.type} "${entry.key.id}" changed under each of ${attempt} attempts to store this turn's changes to it; they were dropped`))
        pending.states.set(stateKeyOf(entry.key), { ...entry, steps: [] })
        continue
      }
      await afterConflict(attempt, performance.now() - started)
      await replay(pending, entry, options, failures)
    }
  }
}

type RawResult = Parameters<typeof readWriteResult>[0]

const USER_REFERENCES = new Set(['parley_messages_user_fk', 'parley_participants_user_fk'])

/**
 * A user the turn writes about (a message from them, their taking part) was deleted while it ran: the
 * whole turn is refused, as its writes go together, with the user named rather than the database's words.
 */
function userDeleted(error: unknown, botId: string): StorageError | undefined {
  const { code, constraint, detail } = (error ?? {}) as { code?: string; constraint?: string; detail?: string }
  if (code !== '23503' || !constraint || !USER_REFERENCES.has(constraint)) return undefined
  const id = /\(bot_id, user_id\)=\([^,]*, ([^)]*)\)/.exec(detail ?? '')?.[1] ?? '?'
  return new StorageError('USER_DELETED', `user "${id}" was deleted from bot "${botId}" while this turn ran; none of the turn's writes were stored. Delete a user once their conversations are idle, or send again as another user`, { cause: error })
}

function stateWrites(pending: Pending): [string, StateWrite][] {
  return [...pending.states].flatMap(([id, entry]) => {
    const write = finalWrite(entry.key, entry.base, entry.steps, entry.view)
    return write ? [[id, write] as [string, StateWrite]] : []
  })
}

/** The turn's steps applied to the state as it is now; a step that no longer applies drops them all. */
async function replay(pending: Pending, entry: StateEntry, options: CommitOptions, failures: Error[]): Promise<void> {
  const latest = await options.stored.get(entry.key)
  const id = stateKeyOf(entry.key)
  try {
    const view = await applySteps(latest, entry.steps, { botId: options.botId, key: entry.key, limit: options.limit, baseVersion: latest?.version ?? 0 })
    pending.states.set(id, { ...entry, base: latest, view })
  } catch (error) {
    failures.push(error instanceof Error ? error : new Error(String(error)))
    pending.states.set(id, { key: entry.key, base: latest, view: latest, steps: [] })
  }
}

async function run(options: CommitOptions, document: object): Promise<{ states: RawResult[] }> {
  const json = JSON.stringify(document)
  const { rows } = await options.db.query<{ r: { states: RawResult[] } }>('SELECT parley_turn_commit($1, $2::text::jsonb) AS r', [options.botId, json], { name: 'parley_turn_commit' })
  return rows[0]!.r
}

function storedStates(pending: Pending, writes: readonly [string, StateWrite][], stored: { states: RawResult[] }, failures: Error[]): Map<string, StateRecord | undefined> {
  const states = new Map<string, StateRecord | undefined>()
  writes.forEach(([id, write], index) => {
    const result = readWriteResult(stored.states[index]!, write)
    if (result.kind === 'conflict') failures.push(lostConditional(pending.states.get(id)!, result.version))
    else states.set(id, result.kind === 'deleted' ? undefined : result.state)
  })
  return states
}

function lostConditional(entry: StateEntry, actual: number): StateVersionConflictError {
  const asked = entry.steps.find((step) => 'ifVersion' in step && step.ifVersion !== undefined) as { ifVersion: number } | undefined
  return new StateVersionConflictError(entry.key, asked?.ifVersion ?? entry.base?.version ?? 0, actual)
}

/** SQLSTATE PV409 is `parley_turn_commit` refusing a state another writer changed; DETAIL is its index. */
function conflictIndex(error: unknown): number | undefined {
  const { code, detail } = (error ?? {}) as { code?: unknown; detail?: unknown }
  return code === 'PV409' ? Number(detail) : undefined
}

/** The senders of the turn's incoming messages not known to be participants, each once. */
function newSenders(pending: Pending, known: ReadonlySet<string> = new Set()): { conversation_id: string; user_id: string }[] {
  const senders = new Map<string, { conversation_id: string; user_id: string }>()
  for (const { direction, conversationId, userId } of pending.messages.values()) {
    const key = participantKey(conversationId, userId)
    if (direction === 'incoming' && !known.has(key)) senders.set(key, { conversation_id: conversationId, user_id: userId })
  }
  return [...senders.values()]
}

function documentOf(pending: Pending, states: readonly StateWrite[], { release, participants }: CommitOptions): object {
  const at = nowIso()
  const document: Record<string, unknown> = {}
  const add = (name: string, items: readonly unknown[]) => {
    if (items.length > 0) document[name] = items
  }
  add('messages', [...pending.messages.values()].map((message) => ({
    id: message.id, conversation_id: message.conversationId, user_id: message.userId, direction: message.direction,
    type: message.type, payload: message.payload, tags: message.tags, created_at: message.createdAt,
  })))
  add('participants', newSenders(pending, participants))
  add('messageTags', [...pending.messageTags].map(([id, tags]) => ({ id, tags, at })))
  add('users', [...pending.users].map(([id, change]) => ({ id, name: change.name ?? null, picture_url: change.pictureUrl ?? null, tags: change.tags, at })))
  add('conversations', [...pending.conversations].map(([id, tags]) => ({ id, tags, at })))
  add('events', [...pending.events.values()].map((event) => ({
    id: event.id, type: event.type, payload: event.payload, conversation_id: event.conversationId ?? null, user_id: event.userId ?? null,
    message_id: event.messageId ?? null, status: event.status, error: event.error ?? null, created_at: event.createdAt,
  })))
  add('eventStatus', [...pending.eventStatus].map(([id, outcome]) => ({ id, status: outcome.status, error: outcome.error ?? null, at })))
  add('workflows', [...pending.workflows.values()].map((run) => ({
    id: run.id, name: run.name, status: run.status, input: run.input, output: run.output ?? null, error: run.error ?? null,
    conversation_id: run.conversationId ?? null, user_id: run.userId ?? null, timeout_at: run.timeoutAt ?? null, created_at: run.createdAt,
  })))
  add('workflowTags', [...pending.workflows.values()].filter((run) => Object.keys(run.tags).length > 0).map((run) => ({ id: run.id, tags: run.tags })))
  add('jobs', pending.jobs.map((job) => ({ kind: job.kind, payload: job.payload, run_at: job.runAt })))
  add('jobsDone', pending.jobsDone)
  add('states', states)
  if (release) document['release'] = { conversation: release.conversationId, ticket: release.ticket }
  return document
}
