import { ParleyError, type Client, type StateRecord } from '@parley/sdk'
import type { Runtime } from '../../index.js'
import type { HostedBot, RuntimeHost } from '../host.js'

type Key = { readonly type: string; readonly id: string; readonly name: string }
type Versioned = StateRecord & { readonly version: number }
type Write = Key & { readonly payload: Record<string, unknown>; readonly expiry?: number; readonly ifVersion?: number }

/**
 * A client whose states keep the versioning contract of `Client`, in memory: every record carries
 * `version` (1 on the first write, one more on each), and `setState`, `patchState` and `deleteState`
 * given `ifVersion` write only over that version, else fail with `STATE_VERSION_CONFLICT`. It pins the
 * HTTP layer's ETag and If-Match to that contract whatever storage serves it; everything else is `base`.
 */
export function versionedStates(base: Client): Client {
  const states = new Map<string, Versioned>()
  const id = ({ type, id, name }: Key) => JSON.stringify([type, id, name])
  const current = (key: Key) => states.get(id(key))
  const write = (key: Key, payload: Record<string, unknown>): { state: Versioned } => {
    const now = new Date().toISOString()
    const state = { type: key.type, id: key.id, name: key.name, payload, version: (current(key)?.version ?? 0) + 1, createdAt: current(key)?.createdAt ?? now, updatedAt: now } as Versioned
    states.set(id(key), state)
    return { state }
  }
  const check = (request: Write | (Key & { ifVersion?: number })) => {
    const found = current(request)
    if (request.ifVersion !== undefined && found?.version !== request.ifVersion) {
      throw new ParleyError('STATE_VERSION_CONFLICT', `state "${request.name}" is at version ${found?.version ?? 'none'}, not ${request.ifVersion}`)
    }
  }
  const found = (key: Key) => current(key) ?? notFound(key)
  const versioned = {
    getState: async (key: Key) => ({ state: found(key) }),
    setState: async (request: Write) => (check(request), write(request, request.payload)),
    getOrSetState: async (request: Write) => (current(request) ? { state: found(request) } : write(request, request.payload)),
    patchState: async (request: Write) => (check(request), write(request, { ...(found(request).payload as Record<string, unknown>), ...request.payload })),
    deleteState: async (request: Key & { ifVersion?: number }) => void (check(request), found(request), states.delete(id(request))),
  }
  return { ...base, ...versioned } as unknown as Client
}

function notFound(key: Key): never {
  throw new ParleyError('STATE_NOT_FOUND', `state "${key.name}" of ${key.type} "${key.id}" is not set`)
}

/** A host serving the runtime's bot with states kept by {@link versionedStates}. */
export function versionedStatesHost(runtime: Runtime): RuntimeHost {
  const bot: HostedBot = {
    id: runtime.botId,
    client: versionedStates(runtime.client()),
    receiveMessage: async (message) => ({ message: (await runtime.receiveMessage(message)).message }),
    subscribe: () => () => {},
    handleWebhook: (alias, request) => runtime.handleWebhook(alias, request),
    readFile: (id) => runtime.readFile(id),
    isPublicFile: (id) => runtime.isPublicFile(id),
    storeUpload: (id, token, content) => runtime.storeUpload(id, token, content),
  }
  return { bots: () => [bot], bot: (botId) => (botId === bot.id ? bot : undefined) }
}
