import { inspectValue, isContainer } from '../../guards/index.js'
import { KeyValueError, quoted } from './kv-error.js'

/** How a `Date` is written in the stored JSON, so it reads back as a `Date` and sorts by time. */
const DATE_TAG = '$date'
/** `2026-01-02T03:04:05.678Z`. */
const ISO_LENGTH = 24

/**
 * The value as stored JSON: dates become `{ "$date": ISO }` (ISO strings of one length sort as the
 * dates do). Refuses what JSON cannot carry back as it was: text PostgreSQL cannot store, non-finite
 * numbers, deep nesting, functions, and objects spelled like a tagged date.
 */
export function encodeValue(key: string, value: unknown): unknown {
  const issue = inspectValue(value)[0]
  if (issue) throw new KeyValueError('KV_VALUE_INVALID', `value of ${quoted(key)}${issue.path ? ` at ${issue.path}` : ''}: ${issue.message}`)
  return encode(key, value)
}

function encode(key: string, value: unknown): unknown {
  if (value instanceof Date) return encodeDate(key, value)
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    throw new KeyValueError('KV_VALUE_INVALID', `value of ${quoted(key)}: ${typeof value} cannot be stored; store JSON values and dates`)
  }
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : encode(key, item)))
  if (!isContainer(value)) return value
  if (Object.hasOwn(value, DATE_TAG)) throw new KeyValueError('KV_VALUE_INVALID', `value of ${quoted(key)}: the field "${DATE_TAG}" is how dates are stored; rename it`)
  return Object.fromEntries(Object.entries(value).filter(([, child]) => child !== undefined).map(([field, child]) => [field, encode(key, child)]))
}

function encodeDate(key: string, date: Date): unknown {
  if (Number.isNaN(date.getTime())) throw new KeyValueError('KV_VALUE_INVALID', `value of ${quoted(key)}: an invalid Date cannot be stored`)
  const iso = date.toISOString()
  // Years 0 to 9999 write ISO text of one length, which sorts and compares as the dates do; others do not.
  if (iso.length !== ISO_LENGTH) throw new KeyValueError('KV_VALUE_INVALID', `value of ${quoted(key)}: the date ${iso} is outside the years 0 to 9999 that are kept`)
  return { [DATE_TAG]: iso }
}

/** Stored JSON back to the value that was set. */
export function decodeValue(stored: unknown): unknown {
  if (Array.isArray(stored)) return stored.map(decodeValue)
  if (!isContainer(stored)) return stored
  const tag = (stored as Record<string, unknown>)[DATE_TAG]
  if (Object.keys(stored).length === 1 && typeof tag === 'string') return new Date(tag)
  // Without a prototype, as every object of caller-chosen keys: a stored "__proto__" field stays a field.
  const decoded: Record<string, unknown> = Object.create(null)
  for (const [field, child] of Object.entries(stored)) decoded[field] = decodeValue(child)
  return decoded
}

/** A value compared in a filter, encoded as stored values are (dates nested in objects and arrays too). */
export function encodeOperand(value: unknown): unknown {
  return encode('filter', value)
}
