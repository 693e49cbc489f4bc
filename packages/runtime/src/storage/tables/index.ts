export { ensureTables } from './ensure-tables.js'
export { createTableStore, type TableStore } from './table-store.js'
export { createRuntimeTableStore, runtimeTableDefinition, type RuntimeTableStore, type RuntimeTable } from './runtime-tables.js'
export type {
  Row, RowInput, Filter, ColumnOperators, OrderBy, CreateRowsQuery, FindRowsQuery, FindRowsResult, GetRowQuery, RowSelection, UpdateRowsQuery,
  UpsertRowsQuery, UpsertRowsResult, DeleteRowsQuery, AggregateSpec, AggregateQuery, AggregateRow,
} from './types.js'
