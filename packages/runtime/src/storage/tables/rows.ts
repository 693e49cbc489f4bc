import type { Queryable } from '../database/database.js'
import { TableRowError } from '../errors/table-errors.js'
import { quoteIdentifier } from '../sql/identifiers.js'
import { pageWindow } from '../sql/paging.js'
import { sqlParams, type SqlParams } from '../sql/params.js'
import { findColumn, queryError } from './columns.js'
import { compileFilter } from './filter.js'
import { compileOrder } from './order.js'
import { readRow, rowColumnsSql } from './read-rows.js'
import type { Column, TableShape } from './table-shape.js'
import type { DeleteRowsQuery, FindRowsQuery, FindRowsResult, Row, RowInput, RowSelection, UpdateRowsQuery, UpsertRowsQuery, UpsertRowsResult } from './types.js'
import { validatePatch, validateRow, validateRows, type RowValues } from './validate-rows.js'
import { valueParam } from './values.js'

type RawRow = Record<string, unknown>

/** PostgreSQL takes at most 65535 parameters per statement; inserts are split to stay well below. */
const MAX_PARAMS_PER_INSERT = 30_000

/** Inserts rows, all or none. @throws TableRowError before writing when any row does not fit the schema. */
export async function createRows(db: Queryable, shape: TableShape, rows: readonly RowInput[]): Promise<Row[]> {
  const values = validateRows(shape, rows)
  if (values.length === 0) return []
  const perInsert = Math.max(1, Math.floor(MAX_PARAMS_PER_INSERT / Math.max(1, shape.fields.length)))
  return db.transaction(async (tx) => {
    const created: Row[] = []
    for (let start = 0; start < values.length; start += perInsert) created.push(...await insertRows(tx, shape, values.slice(start, start + perInsert)))
    return created
  })
}

async function insertRows(db: Queryable, shape: TableShape, rows: readonly RowValues[]): Promise<Row[]> {
  const p = sqlParams()
  const names = [...shape.fields.map((column) => quoteIdentifier(column.sqlName)), 'created_at']
  const tuples = rows.map((row) => `(${[...shape.fields.map((column) => valueParam(p, column, row[column.name])), 'now()'].join(', ')})`)
  const sql = `INSERT INTO ${quoteIdentifier(shape.sqlName)} (${names.join(', ')}) VALUES ${tuples.join(', ')} RETURNING ${rowColumnsSql(shape)}`
  return (await db.query<RawRow>(sql, p.values)).rows.map((raw) => readRow(shape, raw))
}

/** A page of matching rows, and how many match in all. */
export async function findRows(db: Queryable, shape: TableShape, query: FindRowsQuery): Promise<FindRowsResult> {
  const { limit, offset } = pageWindow({ limit: query.limit, offset: query.offset })
  const p = sqlParams()
  const from = `FROM ${quoteIdentifier(shape.sqlName)} WHERE ${compileFilter(shape, query.filter, p)}`
  const order = compileOrder(shape, query.orderBy)
  const [found, counted] = await Promise.all([
    db.query<RawRow>(`SELECT ${rowColumnsSql(shape)} ${from} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`, p.values),
    db.query<{ total: number }>(`SELECT count(*) AS total ${from}`, p.values),
  ])
  return { rows: found.rows.map((raw) => readRow(shape, raw)), total: counted.rows[0]!.total }
}

export async function getRow(db: Queryable, shape: TableShape, id: number): Promise<Row | undefined> {
  const p = sqlParams()
  const where = selectionSql(shape, p, { ids: [id] })
  const { rows } = await db.query<RawRow>(`SELECT ${rowColumnsSql(shape)} FROM ${quoteIdentifier(shape.sqlName)} WHERE ${where}`, p.values)
  return rows[0] && readRow(shape, rows[0])
}

/** @throws TableRowError before writing when the patch does not fit the schema. */
export async function updateRows(db: Queryable, shape: TableShape, query: UpdateRowsQuery): Promise<Row[]> {
  const values = validatePatch(shape, query.patch)
  const p = sqlParams()
  const sets = assignments(shape, p, values)
  const sql = `UPDATE ${quoteIdentifier(shape.sqlName)} SET ${sets} WHERE ${selectionSql(shape, p, query)} RETURNING ${rowColumnsSql(shape)}`
  return sortById((await db.query<RawRow>(sql, p.values)).rows.map((raw) => readRow(shape, raw)))
}

/** `"a" = $1, "b" = $2, updated_at = now()` for the given fields. */
function assignments(shape: TableShape, p: SqlParams, values: RowValues): string {
  const fields = Object.keys(values).map((name) => shape.columns.get(name)!)
  return [...fields.map((column) => `${quoteIdentifier(column.sqlName)} = ${valueParam(p, column, values[column.name])}`), 'updated_at = now()'].join(', ')
}

export async function deleteRows(db: Queryable, shape: TableShape, query: DeleteRowsQuery): Promise<number> {
  const p = sqlParams()
  const where = 'all' in query && query.all === true ? 'TRUE' : selectionSql(shape, p, query as RowSelection)
  const sql = `WITH deleted AS (DELETE FROM ${quoteIdentifier(shape.sqlName)} WHERE ${where} RETURNING 1) SELECT count(*) AS deleted FROM deleted`
  return (await db.query<{ deleted: number }>(sql, p.values)).rows[0]!.deleted
}

/** The condition for rows picked by ids or by a filter. */
function selectionSql(shape: TableShape, p: SqlParams, selection: RowSelection): string {
  if (selection.ids !== undefined && selection.filter === undefined) return idsSql(shape, p, selection.ids)
  if (selection.filter !== undefined && selection.ids === undefined) return compileFilter(shape, selection.filter, p)
  throw queryError(shape, 'give either ids or filter to pick rows (deleting every row takes all: true)')
}

function idsSql(shape: TableShape, p: SqlParams, ids: readonly number[]): string {
  if (!Array.isArray(ids)) throw queryError(shape, 'ids must be an array of row ids')
  return compileFilter(shape, { id: { $in: ids } }, p)
}

const sortById = (rows: Row[]): Row[] => rows.sort((a, b) => a.id - b.id)

/**
 * Upserts run one at a time per table, so two processes upserting the same key cannot both insert it:
 * the key column has no unique index to rely on.
 */
const UPSERT_LOCK = `SELECT pg_advisory_xact_lock(hashtext('parley_upsert'), hashtext(current_schema() || '.' || $1))`

/** @throws TableRowError before writing when any row does not fit the schema or lacks its key. */
export async function upsertRows(db: Queryable, shape: TableShape, query: UpsertRowsQuery): Promise<UpsertRowsResult> {
  const key = findColumn(shape, query.keyColumn, 'keyColumn')
  if (key.system) throw queryError(shape, `keyColumn "${key.name}" is kept by the database; use one of the schema's fields`)
  const values = query.rows.map((row, index) => keyedRow(shape, key, row, `rows[${index}]`))
  return db.transaction(async (tx) => {
    await tx.query(UPSERT_LOCK, [shape.sqlName])
    const result: UpsertRowsResult = { inserted: [], updated: [] }
    for (const row of values) await upsertRow(tx, shape, key, row, result)
    return result
  })
}

interface KeyedRow {
  readonly values: RowValues
  /** The fields the caller gave: an update sets only these, so defaults never overwrite stored values. */
  readonly given: RowValues
}

function keyedRow(shape: TableShape, key: Column, row: RowInput, location: string): KeyedRow {
  const values = validateRow(shape, row, location)
  if (values[key.name] === undefined || values[key.name] === null) {
    throw new TableRowError(shape.name, location, [{ path: key.name, message: 'the key column needs a value, to find the row to update' }])
  }
  const given = Object.fromEntries(Object.keys(values).filter((name) => row[name] !== undefined).map((name) => [name, values[name]]))
  return { values, given }
}

async function upsertRow(tx: Queryable, shape: TableShape, key: Column, row: KeyedRow, result: UpsertRowsResult): Promise<void> {
  const p = sqlParams()
  const where = compileFilter(shape, { [key.name]: { $eq: row.values[key.name] } }, p)
  const sql = `UPDATE ${quoteIdentifier(shape.sqlName)} SET ${assignments(shape, p, row.given)} WHERE ${where} RETURNING ${rowColumnsSql(shape)}`
  const updated = (await tx.query<RawRow>(sql, p.values)).rows.map((raw) => readRow(shape, raw))
  if (updated.length > 0) result.updated.push(...sortById(updated))
  else result.inserted.push(...await insertRows(tx, shape, [row.values]))
}
