import { LIMITS, ownValue } from '../../guards/index.js'
import type { Queryable } from '../database/database.js'
import { quoteIdentifier } from '../sql/identifiers.js'
import { sqlParams } from '../sql/params.js'
import { findColumn, orderedSql, queryError } from './columns.js'
import { compileFilter } from './filter.js'
import { readValue } from './read-rows.js'
import type { Column, TableShape } from './table-shape.js'
import type { AggregateQuery, AggregateRow, AggregateSpec } from './types.js'

/** One aggregate as SQL, and the column whose values it returns (for `$min`/`$max`). */
interface Measure {
  readonly name: string
  readonly sql: string
  readonly column: Column | undefined
}

type MeasureSql = (shape: TableShape, name: string, argument: unknown) => Measure

const NUMERIC = new Set(['number'])
const ORDERED = new Set(['text', 'number', 'date', 'id'])

/**
 * Aggregates over groups of matching rows, one result row per group, ordered by the group columns. With
 * no `groupBy`, there is exactly one result row, even when no row matches (counts 0, other aggregates null).
 */
export async function aggregate(db: Queryable, shape: TableShape, query: AggregateQuery): Promise<AggregateRow[]> {
  const groups = (query.groupBy ?? []).map((name) => findColumn(shape, name, 'groupBy'))
  const measures = Object.entries(query.aggregates ?? {}).map(([name, spec]) => measure(shape, name, spec))
  checkNames(shape, groups, measures)
  const p = sqlParams()
  const select = [...groups.map((column, i) => `${orderedSql(column)} AS g${i}`), ...measures.map((m, i) => `${m.sql} AS a${i}`)]
  const positions = groups.map((_, i) => i + 1).join(', ')
  const grouping = groups.length > 0 ? `GROUP BY ${positions} ORDER BY ${positions} LIMIT ${LIMITS.groups + 1}` : ''
  const sql = `SELECT ${select.join(', ')} FROM ${quoteIdentifier(shape.sqlName)} WHERE ${compileFilter(shape, query.filter, p)} ${grouping}`
  const { rows } = await db.query<Record<string, unknown>>(sql, p.values)
  if (rows.length > LIMITS.groups) throw queryError(shape, `aggregate: more than ${LIMITS.groups} groups; narrow the filter or group by fewer columns`)
  return rows.map((raw) => resultRow(groups, measures, raw))
}

function resultRow(groups: readonly Column[], measures: readonly Measure[], raw: Readonly<Record<string, unknown>>): AggregateRow {
  const keys = groups.map((column, i) => [column.name, readValue(column, raw[`g${i}`])])
  const values = measures.map((m, i) => [m.name, m.column ? readValue(m.column, raw[`a${i}`]) : raw[`a${i}`]])
  return Object.fromEntries([...keys, ...values])
}

function checkNames(shape: TableShape, groups: readonly Column[], measures: readonly Measure[]): void {
  if (groups.length === 0 && measures.length === 0) throw queryError(shape, 'aggregate: give groupBy columns, aggregates, or both')
  const clash = measures.find((m) => groups.some((column) => column.name === m.name))
  if (clash) throw queryError(shape, `aggregate "${clash.name}" has the name of a groupBy column; name it differently`)
}

function measure(shape: TableShape, name: string, spec: AggregateSpec): Measure {
  const entries = Object.entries(spec ?? {})
  const [operator, argument] = entries[0] ?? []
  const sql = operator === undefined ? undefined : ownValue(MEASURES, operator)
  if (entries.length !== 1 || !sql) {
    throw queryError(shape, `aggregate "${name}": give exactly one of ${Object.keys(MEASURES).join(', ')}, such as { $sum: 'amount' }`)
  }
  return sql(shape, name, argument)
}

const MEASURES: Readonly<Record<string, MeasureSql>> = {
  $count: (shape, name, argument) => {
    if (argument === true) return { name, sql: 'count(*)', column: undefined }
    return { name, sql: `count(${columnSql(shape, name, '$count', argument, undefined)})`, column: undefined }
  },
  $sum: numeric('sum', '$sum'),
  $avg: numeric('avg', '$avg'),
  $min: extreme('min', '$min'),
  $max: extreme('max', '$max'),
}

function numeric(fn: string, operator: string): MeasureSql {
  return (shape, name, argument) => ({ name, sql: `${fn}(${columnSql(shape, name, operator, argument, NUMERIC)})`, column: undefined })
}

function extreme(fn: string, operator: string): MeasureSql {
  return (shape, name, argument) => ({ name, sql: `${fn}(${columnSql(shape, name, operator, argument, ORDERED)})`, column: findColumn(shape, String(argument), `aggregate "${name}"`) })
}

function columnSql(shape: TableShape, name: string, operator: string, argument: unknown, kinds: ReadonlySet<string> | undefined): string {
  if (typeof argument !== 'string') throw queryError(shape, `aggregate "${name}": ${operator} takes a column name, got ${JSON.stringify(argument)}`)
  const column = findColumn(shape, argument, `aggregate "${name}"`)
  if (kinds && !kinds.has(column.kind)) {
    throw queryError(shape, `aggregate "${name}": ${operator} needs a ${[...kinds].join(', ')} column, and "${argument}" holds ${column.kind} values`)
  }
  return orderedSql(column)
}
