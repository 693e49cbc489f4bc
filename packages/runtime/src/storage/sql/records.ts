import { randomUUID } from 'node:crypto'

/** `conv` → `conv_0f3a…`: the prefix says what an id names when it turns up in a log. */
export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '')}`
}

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

/** Timestamps leave the storage layer as ISO 8601 strings, whichever driver read them; one already in that form passes as it is. */
export function toIso(value: unknown): string {
  if (typeof value === 'string' && ISO_UTC.test(value)) return value
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()
}

/**
 * The properties of `values` that are set. SQL NULL becomes an absent property rather than `null`, as
 * optional fields are typed: spread the result into a record.
 */
export function defined<T extends object>(values: T): { [K in keyof T]?: NonNullable<T[K]> } {
  const set: Record<string, unknown> = {}
  // Keys come from object literals in this code, never from input, so plain assignment is safe here.
  for (const key of Object.keys(values)) {
    const value = (values as Record<string, unknown>)[key]
    if (value !== undefined && value !== null) set[key] = value
  }
  return set as { [K in keyof T]?: NonNullable<T[K]> }
}
