import { TableQueryError } from '../errors/table-errors.js'
import type { SqlParams } from '../sql/params.js'
import { SQL_TYPES, type ColumnKind } from './column-kind.js'
import type { Column, TableShape } from './table-shape.js'

const isValidDate = (value: unknown): boolean =>
  value instanceof Date ? !Number.isNaN(value.getTime()) : typeof value === 'string' && !Number.isNaN(Date.parse(value))

/** Which values each kind of column can be compared with, and how a message names them. */
const ACCEPTED: Readonly<Record<ColumnKind, { readonly test: (value: unknown) => boolean; readonly expected: string }>> = {
  text: { test: (value) => typeof value === 'string', expected: 'a string' },
  number: { test: (value) => typeof value === 'number' && Number.isFinite(value), expected: 'a finite number' },
  boolean: { test: (value) => typeof value === 'boolean', expected: 'true or false' },
  date: { test: isValidDate, expected: 'a Date or an ISO 8601 date string' },
  id: { test: (value) => Number.isSafeInteger(value), expected: 'a whole number' },
  json: { test: (value) => value !== undefined && !['function', 'symbol', 'bigint'].includes(typeof value), expected: 'a JSON value' },
}

/** @throws TableQueryError when `value` cannot be compared with `column`. */
export function checkValue(shape: TableShape, column: Column, operator: string, value: unknown): void {
  const accepted = ACCEPTED[column.kind]
  if (accepted.test(value)) return
  throw new TableQueryError('QUERY_INVALID', shape.name, `table "${shape.name}", filter on "${column.name}" (${operator}): expected ${accepted.expected}, got ${describeValue(value)}`)
}

/** A placeholder for a value of `column`, cast to the column's type; `null` and `undefined` are SQL NULL. */
export function valueParam(params: SqlParams, column: Column, value: unknown): string {
  if (column.kind === 'json') return params.json(value)
  const sent = value instanceof Date ? value.toISOString() : (value ?? null)
  return params.add(sent, SQL_TYPES[column.kind])
}

/** `string "abc"`, `array [1,2]`, `null`: what a message shows of a value it refuses. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value)
  const text = typeof value === 'bigint' ? `${value}n` : (JSON.stringify(value) ?? String(value))
  const type = value instanceof Date ? 'Date' : Array.isArray(value) ? 'array' : typeof value
  return `${type} ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`
}
