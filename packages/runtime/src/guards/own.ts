/**
 * `record[key]` for the record's own entries only. Records built from definitions are plain objects, so a
 * caller's name `toString`, `constructor` or `__proto__` would otherwise find what `Object.prototype` has.
 */
export function ownValue<R extends Readonly<Record<string, unknown>>>(record: R, key: string): R[string] | undefined {
  return Object.hasOwn(record, key) ? (record[key] as R[string]) : undefined
}

/**
 * An object to hold keys a caller chose: without a prototype, `__proto__` or `constructor` is a key like
 * any other and can never reach `Object.prototype`.
 */
export function dictionary<V>(entries: Iterable<readonly [string, V]> = []): Record<string, V> {
  const object = Object.create(null) as Record<string, V>
  for (const [key, value] of entries) object[key] = value
  return object
}
