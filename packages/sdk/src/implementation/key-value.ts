/** A filter on stored values' fields (a dotted path such as `user.id` reaches nested ones), with the operators tables take (`$eq $ne $gt $gte $lt $lte $in $nin $and $or $not`). */
export type KeyValueFilter = Readonly<Record<string, unknown>>

export interface KeyValueFindOptions {
  readonly limit?: number
  readonly skip?: number
  /** Fields of the stored values, `1` ascending and `-1` descending: `{ endedAt: -1 }`. */
  readonly sort?: Readonly<Record<string, 1 | -1>>
}

/** One stored entry, as `find` returns it. */
export interface KeyValueEntry<V = unknown> {
  readonly key: string
  readonly value: V
}

/**
 * A plugin's own key-value store, kept in the bot's database. Keys belong to the plugin that wrote them:
 * no other plugin (nor the bot) reads them by any name. Values are JSON plus `Date`, which reads back as a
 * `Date`.
 */
export interface KeyValueStore {
  get<V = unknown>(key: string): Promise<V | undefined>
  set(key: string, value: unknown): Promise<void>
  /** Sets the key only if it holds no value, atomically (of two at once, one wins); whether it did. */
  add(key: string, value: unknown): Promise<boolean>
  /** Whether there was a value to delete. */
  delete(key: string): Promise<boolean>
  /** The keys starting with `prefix` (all when absent), in order. */
  keys(prefix?: string): Promise<string[]>
  /** The values (objects) matching the filter on their fields. */
  find<V = unknown>(filter?: KeyValueFilter, options?: KeyValueFindOptions): Promise<V[]>
  count(filter?: KeyValueFilter): Promise<number>
}

/**
 * The key-value store of a plugin that declares its values (`kv` in its definition), as generated code
 * types it: each key, or each key of a declared prefix, holds its declared type; other keys do not compile.
 */
export interface TypedKeyValueStore<V extends object> {
  get<K extends keyof V & string>(key: K): Promise<V[K] | undefined>
  set<K extends keyof V & string>(key: K, value: V[K]): Promise<void>
  add<K extends keyof V & string>(key: K, value: V[K]): Promise<boolean>
  delete(key: keyof V & string): Promise<boolean>
  keys(prefix?: string): Promise<string[]>
  find(filter?: KeyValueFilter, options?: KeyValueFindOptions): Promise<V[keyof V][]>
  count(filter?: KeyValueFilter): Promise<number>
}

/** The store handlers get: typed by the generated `kv` record when the plugin declares one, else of `unknown` values. */
export type KeyValueStoreOf<T> = T extends { readonly kv: infer V extends object } ? TypedKeyValueStore<V> : KeyValueStore
