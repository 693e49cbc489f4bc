import type { Client, StateType } from '@parley/sdk'
import type { ProxyNames } from '../engine/units.js'

// Plain objects keyed by the names a unit knows, each method a call on the unit's client: the client
// adds the prefix and checks the payload, so a proxy holds no logic of its own.

type Input = Record<string, unknown>
type Id = { readonly id: string }

/** `states.userSession.get({ id })`: the proxy knows each state's owner kind, so calls give only the id. */
export function statesProxy(client: Client, names: ProxyNames) {
  return Object.fromEntries(names.states.map(({ name, type }) => [name, stateProxy(client, name, type)]))
}

function stateProxy(client: Client, name: string, type: StateType) {
  const key = <R extends Id>(request: R) => ({ ...request, type, name })
  return {
    get: (request: Id) => client.getState(key(request)),
    set: (request: Id & { payload: Input; expiry?: number; ifVersion?: number }) => client.setState(key(request)),
    getOrSet: (request: Id & { payload: Input; expiry?: number }) => client.getOrSetState(key(request)),
    patch: (request: Id & { payload: Input; ifVersion?: number }) => client.patchState(key(request)),
    delete: (request: Id & { ifVersion?: number }) => client.deleteState(key(request)),
    update: (request: Id & { default?: Input; expiry?: number; update: (payload: Input) => Input | Promise<Input> }) => client.updateState(key(request)),
  }
}

/** `actions.trackEvent(input)`. */
export function actionsProxy(client: Client, names: readonly string[]) {
  return keyed(names, (name) => async (input: Input) => client.callAction({ type: name, input }))
}

/** Calls an action by the bot's name for it, as the unit whose proxy this is. */
export type CallByBotName = (name: string, input: Input) => Promise<unknown>

/** `tables.events.findRows({ filter })`. */
export function tablesProxy(client: Client, names: readonly string[]) {
  return keyed(names, (table) => ({
    createRows: (rows: Input[]) => client.createTableRows({ table, rows }),
    findRows: (query: Input = {}) => client.findTableRows({ ...query, table }),
    getRow: async (id: number) => (await client.getTableRow({ table, id })).row,
    updateRows: (selection: Input, patch: Input) => client.updateTableRows({ ...selection, table, patch } as never),
    upsertRows: (rows: Input[], keyColumn: string) => client.upsertTableRows({ table, rows, keyColumn }),
    deleteRows: (selection: Input) => client.deleteTableRows({ ...selection, table } as never),
    aggregate: (query: Input) => client.aggregateTableRows({ ...query, table } as never),
  }))
}

function keyed<T>(names: readonly string[], build: (name: string) => T): Record<string, T> {
  return Object.fromEntries(names.map((name) => [name, build(name)]))
}
