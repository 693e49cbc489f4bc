import type { Queryable } from '../database/database.js'
import { StateVersionConflictError } from '../errors/state-version-conflict-error.js'
import { expiredStates, readState, type StateKey, type StatePayload, type StateRecord } from './state-rows.js'
import { DEFAULT_STATE_SIZE_LIMIT } from './state-size.js'
import { applyStep, finalWrite, type StateStep, type StateUpdate } from './state-steps.js'
import { writeState, type StateWriteResult } from './state-writes.js'
import { afterConflict, MAX_WRITE_ATTEMPTS } from '../../guards/index.js'

export type { StateKey, StatePayload, StateRecord } from './state-rows.js'
export type { StateUpdate } from './state-steps.js'

export interface StateWriteOptions {
  /** Milliseconds from this write until the state expires; it never expires when absent. */
  readonly expiry?: number
  /**
   * The version the state must be at. When it is at another (or is not set), nothing is written and
   * `StateVersionConflictError` (`STATE_VERSION_CONFLICT`) names both versions.
   */
  readonly ifVersion?: number
}

export interface StateUpdateOptions {
  /** What `update` starts from when the state is not set; without it, an unset state is `STATE_NOT_FOUND`. */
  readonly default?: StatePayload
  readonly expiry?: number
}

export interface StateStoreOptions {
  /** Largest payload accepted, in bytes of JSON; 128 KiB by default. */
  readonly sizeLimit?: number
}

/**
 * The states of one bot. An expired state reads as absent even before the sweep deletes it. Every write
 * sets the expiry anew from its options and makes the version one more.
 */
export interface StateStore {
  get(key: StateKey): Promise<StateRecord | undefined>
  /** @throws StateTooLargeError, StateVersionConflictError, leaving the state as it was. */
  set(key: StateKey, payload: StatePayload, options?: StateWriteOptions): Promise<StateRecord>
  /** The state, or `payload` written as the state when there is none: one statement. */
  getOrSet(key: StateKey, payload: StatePayload, options?: Omit<StateWriteOptions, 'ifVersion'>): Promise<StateRecord>
  /**
   * Replaces the given top-level fields and keeps the others, merging in SQL, so fields another writer set
   * meanwhile stay. @throws StorageError `NOT_FOUND`, StateTooLargeError, StateVersionConflictError
   */
  patch(key: StateKey, fields: StatePayload, options?: StateWriteOptions): Promise<StateRecord>
  /** Whether there was a state to delete. @throws StateVersionConflictError */
  delete(key: StateKey, options?: Pick<StateWriteOptions, 'ifVersion'>): Promise<boolean>
  /**
   * Writes `update(current payload)`, applied again to the newer version when another writer got in
   * first, so no write is lost. @throws StorageError `STATE_NOT_FOUND` (not set, no default), StateVersionConflictError
   * after many lost races
   */
  update(key: StateKey, update: StateUpdate, options?: StateUpdateOptions): Promise<StateRecord>
  /** States expired at `now` (the database's clock by default), soonest expired first. */
  listExpired(now?: Date, limit?: number): Promise<StateRecord[]>
  /**
   * Deletes and returns states expired at `now`. Processes sweeping at once each take different states,
   * so each expiry is handled once; do it in the transaction that records the follow-up work.
   */
  takeExpired(now?: Date, limit?: number): Promise<StateRecord[]>
}

/** The states of one bot, each call written on its own (a turn batches them instead). */
export function createStateStore(db: Queryable, botId: string, options: StateStoreOptions = {}): StateStore {
  const limit = options.sizeLimit ?? DEFAULT_STATE_SIZE_LIMIT
  const write = (key: StateKey, step: StateStep) => writeStep(db, botId, limit, key, step)
  return {
    get: (key) => readState(db, botId, key),
    set: async (key, payload, options = {}) => stateOf(await write(key, { kind: 'set', payload, ...options })),
    getOrSet: async (key, payload, options = {}) => stateOf(await write(key, { kind: 'default', payload, ...options })),
    patch: async (key, fields, options = {}) => stateOf(await write(key, { kind: 'merge', fields, ...options })),
    delete: async (key, options = {}) => deletedOf(await write(key, { kind: 'delete', ...options })),
    update: async (key, update, options = {}) => stateOf(await write(key, { kind: 'update', update, ...options })),
    listExpired: (now, max = 100) => expiredStates(db, botId, 'SELECT', now, max),
    takeExpired: (now, max = 100) => expiredStates(db, botId, 'DELETE', now, max),
  }
}

type Written = Exclude<StateWriteResult, { kind: 'conflict' }>

/**
 * Writes one step in one statement, reading the state first only when the step needs it (a patch, an
 * update, a version to check). A conditional step that loses is refused; an update or patch is applied
 * again to the newer version.
 */
async function writeStep(db: Queryable, botId: string, limit: number, key: StateKey, step: StateStep): Promise<Written> {
  for (let attempt = 1; ; attempt++) {
    const started = performance.now()
    const base = readsFirst(step) ? await readState(db, botId, key) : undefined
    const view = await applyStep(base, step, { botId, key, limit, baseVersion: base?.version ?? 0 })
    const write = finalWrite(key, base, [step], view)!
    const result = await writeState(db, botId, write)
    if (result.kind !== 'conflict') return result
    if (write.onConflict === 'skip' || attempt >= MAX_WRITE_ATTEMPTS) throw conflictOf(key, step, write.expect ?? 0, result.version, attempt)
    await afterConflict(attempt, performance.now() - started)
  }
}

/** A blind set or delete needs nothing read; a version to check, a merge or an update does. */
function readsFirst(step: StateStep): boolean {
  return step.kind === 'merge' || step.kind === 'update' || ('ifVersion' in step && step.ifVersion !== undefined)
}

function deletedOf(result: Written): boolean {
  return result.kind === 'deleted' && result.deleted
}

function stateOf(result: Written): StateRecord {
  if (result.kind === 'deleted') throw new Error('a state write answered as a delete')
  return result.state
}

function conflictOf(key: StateKey, step: StateStep, expected: number, actual: number, attempts: number): StateVersionConflictError {
  if ('ifVersion' in step && step.ifVersion !== undefined) return new StateVersionConflictError(key, step.ifVersion, actual)
  return new StateVersionConflictError(key, expected, actual, `state "${key.name}" of ${key.type} "${key.id}" changed under each of ${attempts} attempts to write it; nothing was written. Try again later`)
}
