import { quoteIdentifier } from '../sql/identifiers.js'
import { toIso } from '../sql/records.js'
import type { Column, TableShape } from './table-shape.js'
import type { Row } from './types.js'

/** The select list for whole rows: system columns and the schema's fields, not columns no field uses. */
export function rowColumnsSql(shape: TableShape): string {
  return [...shape.columns.values()].map((column) => quoteIdentifier(column.sqlName)).join(', ')
}

/** A value as read from `column`: timestamps the database keeps become ISO strings, as on other records. */
export function readValue(column: Column, value: unknown): unknown {
  if (value === null || value === undefined) return null
  return column.system && column.kind === 'date' ? toIso(value) : value
}

/** Empty fields are left out, unless the schema accepts `null` for them: then they read as `null`. */
export function readRow(shape: TableShape, raw: Readonly<Record<string, unknown>>): Row {
  const row: Record<string, unknown> = {}
  for (const column of shape.columns.values()) {
    const value = readValue(column, raw[column.sqlName])
    if (value !== null || column.readsNull) row[column.name] = value
  }
  return row as Row
}
