import { elapsed, recordStep } from '../engine/trace.js'
import type { ComposedState } from '@parley/sdk'
import type { Engine } from '../engine/engine.js'
import { PayloadError, RuntimeError } from '../engine/errors.js'
import { parsePayload } from '../engine/payload.js'
import { toState } from '../engine/records.js'
import { storesOf } from '../engine/turn.js'
import type { Caller } from '../engine/units.js'
import { StorageError, type StateKey, type StatePayload, type StateStore } from '../storage/index.js'

/** Which state a call names, as the caller writes it. */
export interface StateKeyRequest {
  readonly type: string
  readonly id: string
  readonly name: string
}

type Conditional = { readonly ifVersion?: number }
type StateWrite = StateKeyRequest & Conditional & { readonly payload: unknown; readonly expiry?: number }

export interface UpdateStateRequest extends StateKeyRequest {
  /** What `update` starts from when the state is not set. */
  readonly default?: unknown
  readonly expiry?: number
  readonly update: (payload: StatePayload) => StatePayload | Promise<StatePayload>
}

interface Target {
  readonly key: StateKey
  readonly definition: ComposedState
  /** The name as the caller writes it, for the record handed back. */
  readonly local: string
  /** The turn's states in a turn (stored with it), else the database's. */
  readonly states: StateStore
}

// Inside a turn, writes are stored with the turn, and conditional ones are checked twice: when made, against
// the state as the turn sees it, and when the turn is stored; one that loses then is left out and reported
// with the turn's failures. An update (or a patch) of a state another writer changed meanwhile is applied
// again to the newer version when the turn is stored, so it never overwrites that write.

export async function getState(engine: Engine, caller: Caller, request: StateKeyRequest) {
  const { key, local, states } = target(engine, caller, request, 'stateRead')
  const state = await states.get(key)
  if (!state) throw notSet(key)
  return { state: toState(state, local) }
}

export async function setState(engine: Engine, caller: Caller, request: StateWrite) {
  const { key, definition, local, states } = target(engine, caller, request)
  const payload = checkPayload(definition, key, request.payload)
  return { state: toState(await conflictsAsRuntime(states.set(key, payload, { ...expiryOf(engine, definition, request), ...ifVersion(request) })), local) }
}

export async function getOrSetState(engine: Engine, caller: Caller, request: StateWrite) {
  const { key, definition, local, states } = target(engine, caller, request)
  const payload = checkPayload(definition, key, request.payload)
  return { state: toState(await states.getOrSet(key, payload, expiryOf(engine, definition, request)), local) }
}

/** The given top-level fields must each fit the schema; the others keep their values (merged in SQL). */
export async function patchState(engine: Engine, caller: Caller, request: StateWrite) {
  const { key, definition, local, states } = target(engine, caller, request)
  const fields = parsePayload<Record<string, unknown>>(partialOf(definition), request.payload, `state "${key.name}" payload`)
  return { state: toState(await conflictsAsRuntime(states.patch(key, fields, { ...expiryOf(engine, definition, {}), ...ifVersion(request) })), local) }
}

export async function deleteState(engine: Engine, caller: Caller, request: StateKeyRequest & Conditional): Promise<void> {
  const { key, states } = target(engine, caller, request)
  await conflictsAsRuntime(states.delete(key, ifVersion(request)))
}

/** `update(payload)` written, applied again to the newer payload when another writer got in first. */
export async function updateState(engine: Engine, caller: Caller, request: UpdateStateRequest) {
  const { key, definition, local, states } = target(engine, caller, request)
  if (typeof request.update !== 'function') throw new PayloadError(`updateState of state "${key.name}"`, [{ path: 'update', message: 'give a function from the current payload to the new one' }])
  const fallback = request.default === undefined ? {} : { default: checkPayload(definition, key, request.default) }
  const update = async (payload: StatePayload) => checkPayload(definition, key, await request.update(payload))
  return { state: toState(await conflictsAsRuntime(states.update(key, update, { ...fallback, ...expiryOf(engine, definition, request) })), local) }
}

function target(engine: Engine, caller: Caller, request: StateKeyRequest, access: 'stateRead' | 'stateWrite' = 'stateWrite'): Target {
  const name = caller.unit.scope.resolve('state', request.name)
  const definition = engine.definition.states[name]!
  if (request.type !== definition.type) {
    throw new RuntimeError('STATE_TYPE_MISMATCH', `state "${name}" belongs to a ${definition.type}, not a ${request.type}; call it with type: '${definition.type}'`)
  }
  if (typeof request.id !== 'string' || request.id === '') {
    throw new RuntimeError('CONTEXT_MISSING', `state "${name}": give the id of the ${definition.type} it belongs to (id was ${JSON.stringify(request.id)})`)
  }
  const key = { type: definition.type, id: request.id, name }
  const trace = caller.turn?.open ? caller.turn.trace : undefined
  if (trace) recordStep(trace, { kind: access, stateType: key.type, id: key.id, name, startMs: elapsed(trace) })
  return { key, definition, local: request.name, states: storesOf(engine.stores, caller.turn).states }
}

/**
 * The state's schema with every field optional, what a patch is checked against. zod builds a new schema
 * object on each `partial()` (about 2.5 µs for four fields, twice the check itself), and a state's
 * schema never changes once the bot is loaded, so it is built once per schema.
 */
const PARTIALS = new WeakMap<ComposedState['schema'], ComposedState['schema']>()

function partialOf({ schema }: ComposedState): ComposedState['schema'] {
  const known = PARTIALS.get(schema)
  if (known) return known
  const partial = schema.partial()
  PARTIALS.set(schema, partial)
  return partial
}

function checkPayload(definition: ComposedState, key: StateKey, payload: unknown): Record<string, unknown> {
  return parsePayload<Record<string, unknown>>(definition.schema, payload, `state "${key.name}" payload`)
}

function ifVersion(request: Conditional): Conditional {
  return request.ifVersion === undefined ? {} : { ifVersion: request.ifVersion }
}

function notSet(key: StateKey): RuntimeError {
  return new RuntimeError('STATE_NOT_FOUND', `state "${key.name}" of ${key.type} "${key.id}" is not set; set it first, or use getOrSetState to give it a starting value`)
}

/** Storage's refusals as the client reports them: the same code and message, from the runtime. */
async function conflictsAsRuntime<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (error instanceof StorageError && (error.code === 'STATE_VERSION_CONFLICT' || error.code === 'STATE_NOT_FOUND')) {
      throw Object.assign(new RuntimeError(error.code, error.message), pick(error))
    }
    throw error
  }
}

function pick(error: StorageError): object {
  const { expected, actual, state } = error as StorageError & { expected?: number; actual?: number; state?: object }
  return expected === undefined ? {} : { expected, actual, state }
}

/**
 * A write resets the expiry: the one given with it, else the definition's. Storage counts it from the
 * database's clock while the sweep reads the engine's, so a clock set ahead (in tests) adds its lead.
 */
function expiryOf(engine: Engine, definition: ComposedState, request: { readonly expiry?: number }): { expiry?: number } {
  const expiry = request.expiry ?? definition.expiry
  return expiry === undefined ? {} : { expiry: expiry + clockLead(engine) }
}

function clockLead(engine: Engine): number {
  return Math.max(0, Math.round(engine.clock.now().getTime() - Date.now()))
}
