import type { StateKey, StateRecord } from '../states/state-rows.js'
import { applyStep, type StateStep } from '../states/state-steps.js'
import type { StateStore } from '../states/states.js'
import { stateKeyOf, type Pending, type StateEntry } from './pending.js'

export interface StateOverlayOptions {
  readonly botId: string
  readonly limit: number
  /** The stored states, read once per state and turn. */
  readonly stored: StateStore
  readonly pending: () => Pending
  /** The same, to change: first keeps a copy for a savepoint that has none yet. */
  readonly writable: () => Pending
  /** `type\0id` of owners whose every state the turn loaded already: a state of theirs not loaded is not set… */
  readonly loadedOwners: ReadonlySet<string>
  /** …except these (by `stateKeyOf`), too large to load before they are asked for. */
  readonly notLoaded: ReadonlySet<string>
}

/**
 * The states as a turn sees them: each read from the database once, then from the turn, with the turn's
 * writes applied. Writes are kept as steps until the turn is stored.
 */
export function stateOverlay(options: StateOverlayOptions): StateStore {
  const loading = new Map<string, Promise<StateEntry>>()
  const entry = async (key: StateKey): Promise<StateEntry> => {
    const id = stateKeyOf(key)
    const known = options.pending().states.get(id)
    if (known) return known
    if (options.loadedOwners.has(`${key.type}\u0000${key.id}`) && !options.notLoaded.has(id)) return remember(options.pending(), { key, base: undefined, view: undefined, steps: [] })
    const load = loading.get(id) ?? loading.set(id, options.stored.get(key).then((base) => ({ key, base, view: base, steps: [] }))).get(id)!
    const loaded = await load
    loading.delete(id)
    return options.pending().states.get(id) ?? remember(options.pending(), loaded)
  }
  const write = async (key: StateKey, step: StateStep): Promise<StateEntry> => {
    const current = await entry(key)
    const view = await applyStep(current.view, step, { botId: options.botId, key, limit: options.limit, baseVersion: current.base?.version ?? 0 })
    return remember(options.writable(), { ...current, view, steps: [...current.steps, step] })
  }
  return {
    get: async (key) => (await entry(key)).view,
    set: async (key, payload, write_ = {}) => (await write(key, { kind: 'set', payload, ...write_ })).view!,
    getOrSet: async (key, payload, write_ = {}) => (await entry(key)).view ?? (await write(key, { kind: 'default', payload, ...write_ })).view!,
    patch: async (key, fields, write_ = {}) => (await write(key, { kind: 'merge', fields, ...write_ })).view!,
    delete: async (key, write_ = {}) => {
      const existed = (await entry(key)).view !== undefined
      await write(key, { kind: 'delete', ...write_ })
      return existed
    },
    update: async (key, update, write_ = {}) => (await write(key, { kind: 'update', update, ...write_ })).view!,
    listExpired: (now, limit) => options.stored.listExpired(now, limit),
    takeExpired: (now, limit) => options.stored.takeExpired(now, limit),
  }
}

/** Adds prefetched states to the turn, as read when it began. */
export function preloadStates(pending: Pending, states: readonly StateRecord[]): void {
  for (const state of states) remember(pending, { key: { type: state.type, id: state.id, name: state.name }, base: state, view: state, steps: [] })
}

function remember(pending: Pending, entry: StateEntry): StateEntry {
  pending.states.set(stateKeyOf(entry.key), entry)
  return entry
}
