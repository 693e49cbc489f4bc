import type { ComposedState } from '@parley/sdk'
import type { Engine } from '../engine/engine.js'
import { RuntimeError } from '../engine/errors.js'
import type { Caller } from '../engine/units.js'
import { toState } from '../engine/records.js'
import type { StateKey } from '../storage/states/index.js'
import { parsePayload } from '../engine/payload.js'

/** Which state a call names, as the caller writes it. */
export interface StateKeyRequest {
  readonly type: string
  readonly id: string
  readonly name: string
}

type StateWrite = StateKeyRequest & { readonly payload: unknown; readonly expiry?: number }

interface Target {
  readonly key: StateKey
  readonly definition: ComposedState
  /** The name as the caller writes it, for the record handed back. */
  readonly local: string
}

export async function getState(engine: Engine, caller: Caller, request: StateKeyRequest) {
  const { key, local } = target(engine, caller, request)
  const state = await engine.stores.states.get(key)
  if (!state) {
    throw new RuntimeError('STATE_NOT_FOUND', `state "${key.name}" of ${key.type} "${key.id}" is not set; set it first, or use getOrSetState to give it a starting value`)
  }
  return { state: toState(state, local) }
}

export async function setState(engine: Engine, caller: Caller, request: StateWrite) {
  const { key, definition, local } = target(engine, caller, request)
  const payload = parsePayload<Record<string, unknown>>(definition.schema, request.payload, `state "${key.name}" payload`)
  return { state: toState(await engine.stores.states.set(key, payload, expiryOf(engine, definition, request)), local) }
}

export async function getOrSetState(engine: Engine, caller: Caller, request: StateWrite) {
  const { key, definition, local } = target(engine, caller, request)
  const payload = parsePayload<Record<string, unknown>>(definition.schema, request.payload, `state "${key.name}" payload`)
  return { state: toState(await engine.stores.states.getOrSet(key, payload, expiryOf(engine, definition, request)), local) }
}

/** The given top-level fields must each fit the schema; the others keep their values. */
export async function patchState(engine: Engine, caller: Caller, request: StateWrite) {
  const { key, definition, local } = target(engine, caller, request)
  const fields = parsePayload<Record<string, unknown>>(definition.schema.partial(), request.payload, `state "${key.name}" payload`)
  return { state: toState(await engine.stores.states.patch(key, fields, expiryOf(engine, definition, {})), local) }
}

export async function deleteState(engine: Engine, caller: Caller, request: StateKeyRequest): Promise<void> {
  await engine.stores.states.delete(target(engine, caller, request).key)
}

function target(engine: Engine, caller: Caller, request: StateKeyRequest): Target {
  const name = caller.unit.scope.resolve('state', request.name)
  const definition = engine.definition.states[name]!
  if (request.type !== definition.type) {
    throw new RuntimeError('STATE_TYPE_MISMATCH', `state "${name}" belongs to a ${definition.type}, not a ${request.type}; call it with type: '${definition.type}'`)
  }
  if (typeof request.id !== 'string' || request.id === '') {
    throw new RuntimeError('CONTEXT_MISSING', `state "${name}": give the id of the ${definition.type} it belongs to (id was ${JSON.stringify(request.id)})`)
  }
  return { key: { type: definition.type, id: request.id, name }, definition, local: request.name }
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
