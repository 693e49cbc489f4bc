import type { Schema, z } from '@parley/sdk'
import { TableRowError, type RowIssue } from '../errors/table-errors.js'
import { checkIndexedValues } from './indexed-values.js'
import type { TableShape } from './table-shape.js'
import type { RowInput } from './types.js'

/** Values for the schema's fields, as the schema parsed them (defaults applied), by field name. */
export type RowValues = Readonly<Record<string, unknown>>

const SYSTEM_FIELDS = new Set(['id', 'createdAt', 'updatedAt'])

/**
 * Every row parsed by the table's schema, before anything is written.
 * @throws TableRowError for the first row that does not fit, with all of its problems.
 */
export function validateRows(shape: TableShape, rows: readonly RowInput[]): RowValues[] {
  return rows.map((row, index) => validateRow(shape, row, `rows[${index}]`))
}

export function validateRow(shape: TableShape, row: RowInput, location: string): RowValues {
  const input = withoutSystemFields(row)
  checkFieldsKnown(shape, input, location)
  const result = shape.schema.safeParse(input)
  if (!result.success) throw new TableRowError(shape.name, location, result.error.issues.map(toRowIssue))
  checkIndexedValues(shape, result.data as RowValues, location)
  return result.data as RowValues
}

/**
 * Checks each given field on its own, so a patch need not repeat the fields it leaves alone. `null`
 * empties any field rows may leave empty, even one the schema types as optional but not nullable: there
 * is no other way to remove its value.
 */
export function validatePatch(shape: TableShape, patch: RowInput): RowValues {
  const input = withoutSystemFields(patch)
  checkFieldsKnown(shape, input, 'patch')
  const fields = shape.schema.shape as Record<string, Schema>
  const entries = Object.entries(input).filter(([, value]) => value !== undefined).map(([name, value]) => [name, parseField(shape, name, fields[name]!, value)])
  const values = Object.fromEntries(entries)
  checkIndexedValues(shape, values, 'patch')
  return values
}

function parseField(shape: TableShape, name: string, schema: Schema, value: unknown): unknown {
  if (value === null && shape.columns.get(name)?.nullable) return null
  const result = schema.safeParse(value)
  if (result.success) return result.data
  throw new TableRowError(shape.name, 'patch', result.error.issues.map((issue) => toRowIssue({ ...issue, path: [name, ...issue.path] })))
}

function withoutSystemFields(row: RowInput): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([name]) => !SYSTEM_FIELDS.has(name)))
}

/** A zod object would drop unknown fields silently; a misspelt field must not lose its value unnoticed. */
function checkFieldsKnown(shape: TableShape, input: Readonly<Record<string, unknown>>, location: string): void {
  const unknown = Object.keys(input).filter((name) => !shape.columns.has(name))
  if (unknown.length === 0) return
  const fields = shape.fields.map((column) => column.name).join(', ')
  throw new TableRowError(shape.name, location, unknown.map((path) => ({ path, message: `not a field of this table (fields: ${fields})` })))
}

function toRowIssue(issue: z.ZodIssue): RowIssue {
  return { path: issue.path.join('.'), message: issue.message }
}
