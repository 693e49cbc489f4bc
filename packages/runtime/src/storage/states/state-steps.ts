import { LIMITS } from '../../guards/index.js'
import { StorageError } from '../errors/storage-error.js'
import { StateVersionConflictError } from '../errors/state-version-conflict-error.js'
import type { StateKey, StatePayload, StateRecord } from './state-rows.js'
import { stateJson } from './state-size.js'

// A state write is recorded as a step, applied at once to the state as the caller sees it, and turned into
// one SQL write when the changes are stored. Steps that depend on the current payload (a patch, an update,
// a starting value) are kept, so that when another writer got in first they are applied again to its
// version instead of overwriting it.

export type StateUpdate = (payload: StatePayload) => StatePayload | Promise<StatePayload>

export type StateStep =
  | { readonly kind: 'set'; readonly payload: StatePayload; readonly expiry?: number; readonly ifVersion?: number }
  | { readonly kind: 'merge'; readonly fields: StatePayload; readonly expiry?: number; readonly ifVersion?: number }
  | { readonly kind: 'delete'; readonly ifVersion?: number }
  | { readonly kind: 'update'; readonly update: StateUpdate; readonly default?: StatePayload; readonly expiry?: number }
  /** getOrSet's starting value, for a state that was not set. */
  | { readonly kind: 'default'; readonly payload: StatePayload; readonly expiry?: number }

/**
 * One state write as `parley_state_write` takes it. `expect` is the version the state must have (0: no
 * state), or null to write whatever is there; a write finding another version skips, or with
 * `onConflict: 'retry'` undoes the whole commit so the steps can be applied again.
 */
export interface StateWrite extends StateKey {
  readonly write: 'put' | 'getOrPut' | 'merge' | 'delete'
  readonly payload?: StatePayload
  readonly expiry?: number | null
  readonly expect: number | null
  readonly onConflict: 'retry' | 'skip'
}

export interface StepContext {
  readonly botId: string
  readonly key: StateKey
  /** Largest payload accepted, in bytes of JSON. */
  readonly limit: number
  /** The version stored when the steps started: each write of theirs makes it one more. */
  readonly baseVersion: number
}

/** The state after `step`, as the writer sees it before it is stored. */
export async function applyStep(view: StateRecord | undefined, step: StateStep, context: StepContext): Promise<StateRecord | undefined> {
  if ('ifVersion' in step && step.ifVersion !== undefined) checkVersion(view, step.ifVersion, context.key)
  switch (step.kind) {
    case 'set':
      return written(view, step.payload, step.expiry, context)
    case 'merge':
      if (!view) throw patchedMissing(context)
      return written(view, { ...view.payload, ...step.fields }, step.expiry, context)
    case 'delete':
      return undefined
    case 'update':
      return written(view, await step.update(currentOrDefault(view, step.default, context)), step.expiry, context)
    case 'default':
      return view ?? written(undefined, step.payload, step.expiry, context)
  }
}

/** Applies every step, in order, to `view`. */
export async function applySteps(view: StateRecord | undefined, steps: readonly StateStep[], context: StepContext): Promise<StateRecord | undefined> {
  let current = view
  for (const step of steps) current = await applyStep(current, step, context)
  return current
}

/**
 * The one write that stores the result of `steps`, which turned `base` into `view`: written as it is once
 * a step replaced the whole state, else conditional on `base`'s version, and retried on conflict unless a
 * step asked for a version of its own (that write is then skipped, as its caller was promised).
 */
export function finalWrite(key: StateKey, base: StateRecord | undefined, steps: readonly StateStep[], view: StateRecord | undefined): StateWrite | undefined {
  if (steps.length === 0) return undefined
  const replaced = steps.some((step) => (step.kind === 'set' || step.kind === 'delete') && step.ifVersion === undefined)
  const conditional = steps.some((step) => 'ifVersion' in step && step.ifVersion !== undefined)
  const common = { type: key.type, id: key.id, name: key.name, expect: replaced ? null : (base?.version ?? 0), onConflict: conditional ? 'skip' : 'retry' } as const
  if (!view) return { ...common, write: 'delete' }
  const expiry = lastExpiry(steps) ?? null
  if (!replaced && steps.every((step) => step.kind === 'merge')) {
    return { ...common, write: 'merge', payload: Object.assign({}, ...steps.map((step) => (step as { fields: StatePayload }).fields)), expiry }
  }
  if (!replaced && steps.length === 1 && steps[0]!.kind === 'default') return { ...common, write: 'getOrPut', payload: view.payload, expiry }
  return { ...common, write: 'put', payload: view.payload, expiry }
}

function lastExpiry(steps: readonly StateStep[]): number | undefined {
  for (let index = steps.length - 1; index >= 0; index--) {
    const step = steps[index]!
    if (step.kind !== 'delete') return step.expiry
  }
  return undefined
}

function written(view: StateRecord | undefined, payload: StatePayload, expiry: number | undefined, context: StepContext): StateRecord {
  stateJson(context.key, payload, context.limit)
  const now = Date.now()
  const at = new Date(now).toISOString()
  const expiresAt = expiry === undefined ? {} : { expiresAt: new Date(now + checkedExpiry(expiry, context.key)).toISOString() }
  return { ...context.key, payload, version: context.baseVersion + 1, ...expiresAt, createdAt: view?.createdAt ?? at, updatedAt: at }
}

export function checkedExpiry(expiry: number, key: StateKey): number {
  if (Number.isFinite(expiry) && expiry > 0 && expiry <= LIMITS.durationMs) return expiry
  throw new StorageError('STATE_EXPIRY_INVALID', `state "${key.name}": expiry ${expiry} is not allowed; give a positive number of milliseconds up to ${LIMITS.durationMs} (100 years), or none for a state that never expires`)
}

function checkVersion(view: StateRecord | undefined, expected: number, key: StateKey): void {
  const actual = view?.version ?? 0
  if (actual !== expected || view === undefined) throw new StateVersionConflictError(key, expected, actual)
}

function currentOrDefault(view: StateRecord | undefined, fallback: StatePayload | undefined, context: StepContext): StatePayload {
  if (view) return view.payload
  if (fallback) return fallback
  const { key } = context
  throw new StorageError('STATE_NOT_FOUND', `state "${key.name}" of ${key.type} "${key.id}" is not set, so there is nothing to update; give a default to start from, or set it first`)
}

function patchedMissing({ botId, key }: StepContext): StorageError {
  return new StorageError('NOT_FOUND', `state "${key.name}" of ${key.type} "${key.id}" does not exist in bot "${botId}"; set it before patching it`)
}
