import { LIMITS } from '../../guards/index.js'
import { TableRowError } from '../errors/table-errors.js'
import type { TableShape } from './table-shape.js'

/**
 * PostgreSQL cannot index a value of more than 2704 bytes: a longer one in an indexed column fails the
 * insert. Refuse it first, naming the field, with a margin for the index entry's own overhead.
 * @throws TableRowError
 */
export function checkIndexedValues(shape: TableShape, values: Readonly<Record<string, unknown>>, location: string): void {
  const issues = shape.indexes.flatMap((column) => {
    const bytes = byteSize(values[column.name])
    return bytes > LIMITS.indexedValueBytes ? [{ path: column.name, message: `is ${bytes} bytes; an indexed field holds at most ${LIMITS.indexedValueBytes} bytes per value` }] : []
  })
  if (issues.length > 0) throw new TableRowError(shape.name, location, issues)
}

function byteSize(value: unknown): number {
  if (value === undefined || value === null) return 0
  return Buffer.byteLength(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''), 'utf8')
}
