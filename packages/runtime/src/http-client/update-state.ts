import type { Client, StateRecord, StateType } from '@parley/sdk'
import { afterConflict, MAX_WRITE_ATTEMPTS } from '../guards/write-retries.js'
import { ParleyHttpError } from './http-error.js'

type Payload = Record<string, unknown>

/** `updateState`'s request: the state's key, and how to compute its next payload from the current one. */
export interface UpdateStateRequest {
  readonly type: StateType
  readonly id: string
  readonly name: string
  /** The payload `update` starts from when there is no state yet; without it, a missing state is `STATE_NOT_FOUND`. */
  readonly default?: Payload
  readonly expiry?: number
  readonly update: (payload: Payload) => Payload | Promise<Payload>
}

/** A state as the server answers it: with the version it is at. */
type Versioned = StateRecord & { readonly version?: number }

/**
 * Applies `update` to the state's current payload and writes the result only over the version it read
 * (`If-Match`); when another writer got there first (412), it reads again and retries, with jittered
 * backoff scaled to how long an attempt took (the spread the runtime's own state writes use), so
 * concurrent updates are never lost however slow the server or the network. A missing state starts from
 * `default`, which is written first, so two writers creating it still take turns.
 */
export async function updateState(client: Client, request: UpdateStateRequest): Promise<{ state: StateRecord }> {
  const { type, id, name, expiry } = request
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
    const started = performance.now()
    const { state } = await current(client, request)
    const payload = await request.update(state.payload as Payload)
    try {
      return await client.setState({ type, id, name, payload, expiry, ifVersion: state.version } as never)
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'STATE_VERSION_CONFLICT') throw error
      await afterConflict(attempt, performance.now() - started)
    }
  }
  throw new ParleyHttpError(412, 'STATE_VERSION_CONFLICT', `state "${name}" of ${type} "${id}" changed during each of ${MAX_WRITE_ATTEMPTS} attempts to update it; try again, or update it from fewer places at once`)
}

async function current(client: Client, request: UpdateStateRequest): Promise<{ state: Versioned }> {
  const key = { type: request.type, id: request.id, name: request.name }
  try {
    return await client.getState(key)
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'STATE_NOT_FOUND' || request.default === undefined) throw error
    return client.getOrSetState({ ...key, payload: request.default, expiry: request.expiry })
  }
}
