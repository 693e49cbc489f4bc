import type { RowMeta } from './records.js'

/** A condition on one column: a value (equality) or operators. */
export type ColumnFilter<V> =
  | V
  | {
      readonly $eq?: V
      readonly $ne?: V
      readonly $gt?: V
      readonly $gte?: V
      readonly $lt?: V
      readonly $lte?: V
      readonly $in?: readonly V[]
      readonly $nin?: readonly V[]
    }

/**
 * Which rows: conditions on declared columns (and `id`, `createdAt`, `updatedAt`), combined with
 * `$and`, `$or` and `$not`. Naming a column the table does not have fails to compile, and at run time.
 *
 * @example
 * { eventName: 'message_received', timestamp: { $gte: '2026-01-01' }, $or: [{ userId: 'u1' }, { userId: 'u2' }] }
 */
export type TableFilter<Row> = { readonly [K in keyof (Row & RowMeta)]?: ColumnFilter<(Row & RowMeta)[K]> } & {
  readonly $and?: readonly TableFilter<Row>[]
  readonly $or?: readonly TableFilter<Row>[]
  readonly $not?: TableFilter<Row>
}

export type Column<Row> = Extract<keyof (Row & RowMeta), string>

export interface FindRowsQuery<Row> {
  readonly filter?: TableFilter<Row>
  readonly orderBy?: readonly { readonly column: Column<Row>; readonly direction?: 'asc' | 'desc' }[]
  readonly limit?: number
  readonly offset?: number
}

export type Aggregate<Row> =
  | { readonly $count: true }
  | { readonly $sum: Column<Row> }
  | { readonly $avg: Column<Row> }
  | { readonly $min: Column<Row> }
  | { readonly $max: Column<Row> }

export interface AggregateQuery<Row> {
  readonly filter?: TableFilter<Row>
  readonly groupBy: readonly Column<Row>[]
  readonly aggregates: Readonly<Record<string, Aggregate<Row>>>
}

/** Rows selected by ids or by a filter; one of the two. */
export type RowSelection<Row> = { readonly ids: readonly number[] } | { readonly filter: TableFilter<Row> }

/** One table, as handler props expose it: `tables.events.createRows([...])`. */
export interface TableProxy<Row> {
  createRows(rows: readonly Row[]): Promise<{ rows: (Row & RowMeta)[] }>
  findRows(query?: FindRowsQuery<Row>): Promise<{ rows: (Row & RowMeta)[]; total: number }>
  getRow(id: number): Promise<Row & RowMeta>
  updateRows(selection: RowSelection<Row>, patch: Partial<Row>): Promise<{ rows: (Row & RowMeta)[] }>
  upsertRows(rows: readonly Row[], keyColumn: Extract<keyof Row, string>): Promise<{ inserted: (Row & RowMeta)[]; updated: (Row & RowMeta)[] }>
  deleteRows(selection: RowSelection<Row> | { readonly all: true }): Promise<{ deleted: number }>
  aggregate(query: AggregateQuery<Row>): Promise<{ rows: Record<string, unknown>[] }>
}
