import { findColumn, orderedSql, queryError } from './columns.js'
import type { TableShape } from './table-shape.js'
import type { OrderBy } from './types.js'

/** `ORDER BY` terms; `id` breaks ties, so pages never overlap or skip rows. */
export function compileOrder(shape: TableShape, orderBy: OrderBy | readonly OrderBy[] | undefined): string {
  const terms = orderBy === undefined ? [] : ([] as OrderBy[]).concat(orderBy)
  const sql = terms.map((term) => `${orderedSql(findColumn(shape, term.column, 'orderBy'))} ${direction(shape, term)}`)
  return [...sql, ...(terms.some((term) => term.column === 'id') ? [] : ['id ASC'])].join(', ')
}

function direction(shape: TableShape, { column, direction = 'asc' }: OrderBy): string {
  if (direction === 'asc' || direction === 'desc') return direction.toUpperCase()
  throw queryError(shape, `orderBy "${column}": direction "${String(direction)}" is not allowed; use "asc" or "desc"`)
}
