import { filterProblem, inspectValue, LIMITS } from '../../guards/index.js'
import type { SqlParams } from '../sql/params.js'
import { KeyValueError, quoted } from './kv-error.js'
import { encodeOperand } from './kv-values.js'

type OperatorSql = (field: string, value: string) => string

/**
 * Compiles a filter on the stored values' fields to SQL over `value`, with the operators tables take. A
 * field is a path, `user.profile.age` reaching into nested objects. Fields and values are parameters. Order comparisons hold only between values of one JSON type
 * (numbers with numbers, text with text, dates with dates); `$ne` and `$nin` match a missing field.
 */
export function compileKvFilter(filter: unknown, params: SqlParams): string {
  const tooLarge = filterProblem(filter)
  if (tooLarge) throw invalid(`filter: ${tooLarge}`)
  const issue = inspectValue(filter)[0]
  if (issue) throw invalid(`filter${issue.path ? ` at ${issue.path}` : ''}: ${issue.message}`)
  return compile(filter ?? {}, params, 'filter')
}

function compile(filter: unknown, params: SqlParams, where: string): string {
  if (!isPlainObject(filter)) throw invalid(`${where} must be an object such as { field: value }`)
  const parts = Object.entries(filter).filter(([, value]) => value !== undefined).map(([key, value]) => entry(key, value, params))
  return join(parts, 'AND')
}

function entry(key: string, value: unknown, params: SqlParams): string {
  if (key === '$and' || key === '$or') {
    if (!Array.isArray(value)) throw invalid(`filter: ${key} takes an array of filters`)
    return join(value.map((item) => compile(item, params, key)), key === '$and' ? 'AND' : 'OR')
  }
  if (key === '$not') return `NOT COALESCE(${compile(value, params, '$not')}, FALSE)`
  if (key.startsWith('$')) throw invalid(`filter: ${quoted(key)} is not a combinator; use $and, $or or $not, or name a field`)
  const field = fieldSql(params, key)
  if (!isOperatorObject(value)) return OPERATORS.$eq!(field, bind(params, key, '$eq', value))
  return join(Object.entries(value).filter(([, v]) => v !== undefined).map(([op, v]) => operator(field, key, op, v, params)), 'AND')
}

function operator(field: string, key: string, op: string, value: unknown, params: SqlParams): string {
  const sql = OPERATORS[op]
  if (!sql) throw invalid(`filter on ${quoted(key)}: unknown operator "${op}"; use ${Object.keys(OPERATORS).join(', ')}`)
  if (op === '$in' || op === '$nin') return sql(field, list(params, key, op, value))
  return sql(field, bind(params, key, op, value))
}

const OPERATORS: Readonly<Record<string, OperatorSql>> = {
  $eq: (field, value) => (value === 'NULL' ? `(${field} IS NULL OR ${field} = 'null'::jsonb)` : `${field} = ${value}`),
  $ne: (field, value) => (value === 'NULL' ? `(${field} IS NOT NULL AND ${field} <> 'null'::jsonb)` : `${field} IS DISTINCT FROM ${value}`),
  $gt: range('>'),
  $gte: range('>='),
  $lt: range('<'),
  $lte: range('<='),
  $in: (field, values) => (values === '' ? 'FALSE' : `${field} IN (${values})`),
  $nin: (field, values) => (values === '' ? 'TRUE' : `(${field} IS NULL OR ${field} NOT IN (${values}))`),
}

function range(sqlOperator: string): OperatorSql {
  return (field, value) => `(jsonb_typeof(${field}) = jsonb_typeof(${value}) AND CASE WHEN jsonb_typeof(${field}) = 'string'
    THEN ${textOf(field)} ${sqlOperator} ${textOf(value)} ELSE ${field} ${sqlOperator} ${value} END)`
}

/**
 * A JSON string as text ordered by code point. jsonb orders strings by the database's collation, which
 * differs between servers (and from the embedded database's); this order is the same everywhere.
 */
export function textOf(json: string): string {
  return `((${json}) #>> '{}') COLLATE "C"`
}

/** A comparison value as a jsonb parameter; `null` reads as SQL `NULL`, which `$eq`/`$ne` treat as "missing or null". */
function bind(params: SqlParams, key: string, op: string, value: unknown): string {
  if (value === null) {
    if (op === '$eq' || op === '$ne') return 'NULL'
    throw invalid(`filter on ${quoted(key)} (${op}): null only works with $eq and $ne`)
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw invalid(`filter on ${quoted(key)} (${op}): ${value} is not a finite number`)
  return params.json(encodeOperand(value))
}

function list(params: SqlParams, key: string, op: string, value: unknown): string {
  if (!Array.isArray(value)) throw invalid(`filter on ${quoted(key)} (${op}): expected an array of values`)
  return value.map((item) => bind(params, key, op, item)).filter((sql) => sql !== 'NULL').join(', ')
}

function join(parts: readonly string[], operator: 'AND' | 'OR'): string {
  if (parts.length === 0) return operator === 'AND' ? 'TRUE' : 'FALSE'
  return parts.map((part) => `(${part})`).join(` ${operator} `)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((key) => key.startsWith('$'))
}

/**
 * The SQL reaching field path `path` (`user.id` → `value -> 'user' -> 'id'`), each segment a parameter.
 * A path with an empty segment names no field and is refused.
 */
export function fieldSql(params: SqlParams, path: string): string {
  const segments = path.split('.')
  if (segments.some((segment) => segment === '')) throw invalid(`field ${quoted(path)} has an empty segment; write fields as name or name.nested`)
  if (segments.length > LIMITS.depth) throw invalid(`field ${quoted(path)} is more than ${LIMITS.depth} fields deep`)
  return ['value', ...segments.map((segment) => params.add(segment, 'text'))].join(' -> ')
}

function invalid(message: string): KeyValueError {
  return new KeyValueError('KV_QUERY_INVALID', message)
}
