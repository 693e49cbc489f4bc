import type { TableDefinition } from '@parley/sdk'
import type { Queryable } from '../database/database.js'
import { TableQueryError } from '../errors/table-errors.js'
import { aggregate } from './aggregate.js'
import { callSizeProblem, type SizedCall } from './call-size.js'
import { runtimeTableDefinition } from './runtime-tables.js'
import { createRows, deleteRows, findRows, getRow, updateRows, upsertRows } from './rows.js'
import { tableShape, type TableShape } from './table-shape.js'
import type {
  AggregateQuery, AggregateRow, CreateRowsQuery, DeleteRowsQuery, FindRowsQuery, FindRowsResult, GetRowQuery, Row, UpdateRowsQuery,
  UpsertRowsQuery, UpsertRowsResult,
} from './types.js'

/**
 * The rows of one bot's tables. Every call names its table; rows are checked against the table's schema
 * before anything is written, and a call writing several rows writes all or none.
 *
 * Errors: `TableQueryError` for an unknown table or column or a malformed query, `TableRowError` for a
 * row that does not fit the schema.
 */
export interface TableStore {
  createRows(query: CreateRowsQuery): Promise<Row[]>
  findRows(query: FindRowsQuery): Promise<FindRowsResult>
  getRow(query: GetRowQuery): Promise<Row | undefined>
  /** The rows after the update, by id. */
  updateRows(query: UpdateRowsQuery): Promise<Row[]>
  upsertRows(query: UpsertRowsQuery): Promise<UpsertRowsResult>
  deleteRows(query: DeleteRowsQuery): Promise<{ deleted: number }>
  aggregate(query: AggregateQuery): Promise<AggregateRow[]>
}

/**
 * Row operations on the tables `ensureTables` made for the same bot and definitions, and on those code
 * created at run time (`createTable`) under other names.
 */
export function createTableStore(db: Queryable, botId: string, tables: Readonly<Record<string, TableDefinition>>): TableStore {
  const shapes = new Map(Object.entries(tables).map(([name, definition]) => [name, tableShape(botId, name, definition)]))
  const shapeOf = async (table: string): Promise<TableShape> => {
    const declared = shapes.get(table)
    if (declared) return declared
    const created = await runtimeTableDefinition(db, botId, table)
    return created ? tableShape(botId, table, created) : unknownTable(botId, table, [...shapes.keys()])
  }
  const on = async <T>(call: SizedCall & { readonly table: string }, operation: (shape: TableShape) => Promise<T>): Promise<T> => {
    const shape = await shapeOf(call.table)
    const tooLarge = callSizeProblem(call)
    if (tooLarge) throw new TableQueryError('QUERY_INVALID', shape.name, `table "${shape.name}": ${tooLarge}`)
    try {
      return await operation(shape)
    } catch (error) {
      throw notCreated(error, shape) ?? error
    }
  }
  return {
    createRows: (query) => on(query, (shape) => createRows(db, shape, query.rows)),
    findRows: (query) => on(query, (shape) => findRows(db, shape, query)),
    getRow: (query) => on(query, (shape) => getRow(db, shape, query.id)),
    updateRows: (query) => on(query, (shape) => updateRows(db, shape, query)),
    upsertRows: (query) => on(query, (shape) => upsertRows(db, shape, query)),
    deleteRows: (query) => on(query, async (shape) => ({ deleted: await deleteRows(db, shape, query) })),
    aggregate: (query) => on(query, (shape) => aggregate(db, shape, query)),
  }
}

/** PostgreSQL's "undefined table": the bot's tables were declared but never created. */
function notCreated(error: unknown, shape: TableShape): TableQueryError | undefined {
  if ((error as { code?: unknown } | null)?.code !== '42P01') return undefined
  return new TableQueryError('TABLE_UNKNOWN', shape.name, `table "${shape.name}" of bot "${shape.botId}" is not in the database yet; run ensureTables with the bot's table definitions first`)
}

function unknownTable(botId: string, table: string, known: readonly string[]): never {
  const tables = known.length > 0 ? `its declared tables are: ${known.join(', ')}` : 'it declares no tables'
  throw new TableQueryError('TABLE_UNKNOWN', table, `bot "${botId}" has no table "${table}"; ${tables}, and code created none of that name (createTable)`)
}
