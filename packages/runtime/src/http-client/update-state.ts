import type { Client, StateRecord, StateType } from '@parley/sdk'
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
 * Writers racing on one state each win in turn, and the jitter spreads them out: with a hundred at once,
 * the last of them still gets through well within this many attempts. After them the call gives up.
 */
const ATTEMPTS = 25
const BACKOFF_LIMIT_MS = 2000

/**
 * Applies `update` to the state's current payload and writes the result only over the version it read
 * (`If-Match`); when another writer got there first (412), it reads again and retries, with jittered
 * backoff, so concurrent updates are never lost. A missing state starts from `default`, which is written
 * first, so two writers creating it still take turns.
 */
export async function updateState(client: Client, request: UpdateStateRequest): Promise<{ state: StateRecord }> {
  const { type, id, name, expiry } = request
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const { state } = await current(client, request)
    const payload = await request.update(state.payload as Payload)
    try {
      return await client.setState({ type, id, name, payload, expiry, ifVersion: state.version } as never)
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'STATE_VERSION_CONFLICT') throw error
      await backoff(attempt)
    }
  }
  throw new ParleyHttpError(412, 'STATE_VERSION_CONFLICT', `state "${name}" of ${type} "${id}" changed during each of ${ATTEMPTS} attempts to update it; try again, or update it from fewer places at once`)
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

function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(BACKOFF_LIMIT_MS, 10 * 2 ** attempt)
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling))
}
