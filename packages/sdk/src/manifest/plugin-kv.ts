import type { KeyValueFilter, KeyValueFindOptions, KeyValueStore } from '../implementation/key-value.js'
import type { LooseTypes } from '../implementation/types.js'
import type { CommonHandlerProps } from '../implementation/props.js'

type Props = CommonHandlerProps<LooseTypes>
type Args = Record<string, unknown>

/**
 * `sdk.kv`: the plugin's own key-value store, the same one (`props.kv`) every Parley plugin has, so a
 * folder plugin's keys sit beside any other plugin's, scoped to its alias and its bot.
 */
export interface PluginKv {
  /** The value stored under `key`, else `fallback` (a stored `null` is a value, as in a Python dict). */
  get<V = unknown>(key: string, fallback?: V): Promise<V>
  set(key: string, value: unknown): Promise<void>
  /** Sets the key only if it holds no value, atomically (of two at once, one wins); whether it did. */
  add(key: string, value: unknown): Promise<boolean>
  /** Whether there was a value to delete. */
  delete(key: string): Promise<boolean>
  /** The keys starting with `prefix` (all when absent), in order. */
  keys(prefix?: string): Promise<string[]>
  find<V = unknown>(filter?: KeyValueFilter, options?: KeyValueFindOptions): Promise<V[]>
  count(filter?: KeyValueFilter): Promise<number>
}

/** The same store's calls as the Python sdk makes them through the bridge: named arguments, JSON answers. */
export const KV_CALLS: Record<string, (props: Props, args: Args) => Promise<unknown>> = {
  kv_get: async (props, args) => {
    const value = await props.kv.get(keyOf(args))
    return value === undefined ? { found: false } : { found: true, value }
  },
  kv_set: (props, args) => props.kv.set(keyOf(args), valueOf(args)),
  kv_add: (props, args) => props.kv.add(keyOf(args), valueOf(args)),
  kv_delete: (props, args) => props.kv.delete(keyOf(args)),
  kv_keys: (props, args) => props.kv.keys(args['prefix'] == null ? '' : (args['prefix'] as string)),
  kv_find: (props, args) => props.kv.find(optional(args['filter']) as KeyValueFilter | undefined, findOptions(args)),
  kv_count: (props, args) => props.kv.count(optional(args['filter']) as KeyValueFilter | undefined),
}

/** The store checks the key itself (type, length, NUL); this only keeps `undefined` from reading as a key. */
function keyOf(args: Args): string {
  return args['key'] as string
}

/** Python's `None` arrives as `null`; a value left out is stored as `None` too. */
function valueOf(args: Args): unknown {
  return args['value'] === undefined ? null : args['value']
}

function optional(value: unknown): unknown {
  return value === null ? undefined : value
}

/** Python passes `limit=None` for an option it did not give: absent, as in JavaScript. */
function findOptions(args: Args): KeyValueFindOptions {
  const options: Record<string, unknown> = {}
  for (const name of ['limit', 'skip', 'sort']) if (args[name] != null) options[name] = args[name]
  return options as KeyValueFindOptions
}

export function pluginKv(store: KeyValueStore): PluginKv {
  return {
    get: async <V>(key: string, fallback?: V) => {
      const value = await store.get<V>(key)
      return (value === undefined ? fallback : value) as V
    },
    set: (key, value) => store.set(key, value),
    add: (key, value) => store.add(key, value),
    delete: (key) => store.delete(key),
    keys: (prefix) => store.keys(prefix),
    find: (filter, options) => store.find(filter, options),
    count: (filter) => store.count(filter),
  }
}
