/** `{ a: 1 }` → `{ a: fn(1, 'a') }`, keeping key order (generated output depends on it). */
export function mapValues<T, U>(record: Readonly<Record<string, T>>, fn: (value: T, key: string) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value, key)]))
}
