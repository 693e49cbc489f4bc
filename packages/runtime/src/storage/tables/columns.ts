import { TableQueryError } from '../errors/table-errors.js'
import { quoteIdentifier } from '../sql/identifiers.js'
import type { Column, TableShape } from './table-shape.js'

/**
 * The column a query names. `usage` says where (`filter`, `orderBy`, …), so the message points at the
 * mistake.
 */
export function findColumn(shape: TableShape, name: string, usage: string): Column {
  const column = shape.columns.get(name)
  if (column) return column
  throw new TableQueryError('COLUMN_UNKNOWN', shape.name, `table "${shape.name}" has no column "${name}" (in ${usage}); its columns are: ${[...shape.columns.keys()].join(', ')}`)
}

export function queryError(shape: TableShape, message: string): TableQueryError {
  return new TableQueryError('QUERY_INVALID', shape.name, `table "${shape.name}", ${message}`)
}

/**
 * A column as ordering compares it. Text compares by code point (`COLLATE "C"`): PGlite and PostgreSQL
 * default to different collations, and a bot must page and filter the same on both. Equality needs no
 * collation (every collation here is deterministic), so equality filters keep using the column's index.
 */
export function orderedSql(column: Column): string {
  const sql = quoteIdentifier(column.sqlName)
  return column.kind === 'text' ? `${sql} COLLATE "C"` : sql
}
