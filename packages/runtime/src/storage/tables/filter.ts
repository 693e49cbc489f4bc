import { filterProblem } from '../../guards/index.js'
import { quoteIdentifier } from '../sql/identifiers.js'
import type { SqlParams } from '../sql/params.js'
import { findColumn, orderedSql, queryError } from './columns.js'
import type { Column, TableShape } from './table-shape.js'
import type { Filter } from './types.js'
import { checkValue, describeValue, valueParam } from './values.js'

interface FilterContext {
  readonly shape: TableShape
  readonly params: SqlParams
}

type OperatorSql = (context: FilterContext, column: Column, value: unknown) => string

const RANGE_KINDS = new Set(['text', 'number', 'date', 'id'])

/**
 * Compiles a filter to a SQL condition whose values are all parameters. `$ne` and `$nin` match empty
 * values too, and `$not` matches every row its filter does not, empty values included: what a person
 * reading the filter expects, rather than SQL's three-valued logic.
 *
 * @throws TableQueryError naming the table and the column or operator at fault.
 */
export function compileFilter(shape: TableShape, filter: Filter | undefined, params: SqlParams): string {
  const tooLarge = filterProblem(filter)
  if (tooLarge) throw queryError(shape, `filter: ${tooLarge}`)
  return compile({ shape, params }, filter ?? {}, 'filter')
}

function compile(context: FilterContext, filter: unknown, where: string): string {
  if (!isPlainObject(filter)) throw queryError(context.shape, `${where} must be an object such as { column: value }, got ${describeValue(filter)}`)
  const parts = Object.entries(filter).filter(([, value]) => value !== undefined).map(([key, value]) => compileEntry(context, key, value))
  return joinParts(parts, 'AND')
}

function compileEntry(context: FilterContext, key: string, value: unknown): string {
  if (key === '$and' || key === '$or') return joinParts(filterList(context, key, value).map((item) => compile(context, item, key)), key === '$and' ? 'AND' : 'OR')
  if (key === '$not') return `NOT COALESCE(${compile(context, value, '$not')}, FALSE)`
  if (key.startsWith('$')) throw queryError(context.shape, `filter: "${key}" is not a combinator; use $and, $or or $not, or name a column`)
  return compileColumn(context, findColumn(context.shape, key, 'filter'), value)
}

function filterList(context: FilterContext, key: string, value: unknown): unknown[] {
  if (Array.isArray(value)) return value
  throw queryError(context.shape, `filter: ${key} takes an array of filters, got ${describeValue(value)}`)
}

function joinParts(parts: readonly string[], operator: 'AND' | 'OR'): string {
  if (parts.length === 0) return operator === 'AND' ? 'TRUE' : 'FALSE'
  return parts.map((part) => `(${part})`).join(` ${operator} `)
}

function compileColumn(context: FilterContext, column: Column, condition: unknown): string {
  if (!isOperatorObject(condition)) return OPERATORS.$eq!(context, column, condition)
  return joinParts(Object.entries(condition).filter(([, value]) => value !== undefined).map(([operator, value]) => compileOperator(context, column, operator, value)), 'AND')
}

function compileOperator(context: FilterContext, column: Column, operator: string, value: unknown): string {
  const sql = OPERATORS[operator]
  if (sql) return sql(context, column, value)
  throw queryError(context.shape, `filter on "${column.name}": unknown operator "${operator}"; use ${Object.keys(OPERATORS).join(', ')}`)
}

const OPERATORS: Readonly<Record<string, OperatorSql>> = {
  $eq: (context, column, value) => (value === null ? `${sqlOf(column)} IS NULL` : `${sqlOf(column)} = ${param(context, column, '$eq', value)}`),
  $ne: (context, column, value) => (value === null ? `${sqlOf(column)} IS NOT NULL` : `${sqlOf(column)} IS DISTINCT FROM ${param(context, column, '$ne', value)}`),
  $gt: range('>', '$gt'),
  $gte: range('>=', '$gte'),
  $lt: range('<', '$lt'),
  $lte: range('<=', '$lte'),
  $in: (context, column, value) => listSql(context, column, '$in', value) ?? 'FALSE',
  $nin: (context, column, value) => {
    const list = listSql(context, column, '$nin', value)
    return list ? `${sqlOf(column)} IS NULL OR NOT (${list})` : 'TRUE'
  },
}

function range(sqlOperator: string, operator: string): OperatorSql {
  return (context, column, value) => {
    if (!RANGE_KINDS.has(column.kind)) throw queryError(context.shape, `filter on "${column.name}" (${operator}): only text, number and date columns can be compared by order`)
    return `${orderedSql(column)} ${sqlOperator} ${param(context, column, operator, value)}`
  }
}

/** `column IN (…)`, or undefined for an empty list. */
function listSql(context: FilterContext, column: Column, operator: string, value: unknown): string | undefined {
  if (!Array.isArray(value)) throw queryError(context.shape, `filter on "${column.name}" (${operator}): expected an array of values, got ${describeValue(value)}`)
  if (value.length === 0) return undefined
  return `${sqlOf(column)} IN (${value.map((item) => param(context, column, operator, item)).join(', ')})`
}

function param(context: FilterContext, column: Column, operator: string, value: unknown): string {
  if (value === null) throw queryError(context.shape, `filter on "${column.name}" (${operator}): null only works with $eq and $ne, to find empty values`)
  checkValue(context.shape, column, operator, value)
  return valueParam(context.params, column, value)
}

const sqlOf = (column: Column): string => quoteIdentifier(column.sqlName)

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/** `{ $gt: 1 }` holds operators; `{ a: 1 }` is a value, to compare a JSON column with. */
function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false
  const keys = Object.keys(value)
  return keys.length > 0 && keys.every((key) => key.startsWith('$'))
}
