/** A stored row: the schema's fields, and the columns the database keeps itself. */
export type Row = Record<string, unknown> & {
  readonly id: number
  readonly createdAt: string
  readonly updatedAt: string
}

/** A row to write: the schema's fields. `id`, `createdAt` and `updatedAt` may be present and are ignored. */
export type RowInput = Readonly<Record<string, unknown>>

/** Conditions on one column; several in one object must all hold. */
export interface ColumnOperators {
  readonly $eq?: unknown
  readonly $ne?: unknown
  readonly $gt?: unknown
  readonly $gte?: unknown
  readonly $lt?: unknown
  readonly $lte?: unknown
  readonly $in?: readonly unknown[]
  readonly $nin?: readonly unknown[]
}

/**
 * Which rows a query is about. `{ column: value }` means `$eq`, `{ column: { $gt: 1, $lt: 5 } }` applies
 * operators, and `$and`, `$or`, `$not` combine filters. `null` with `$eq`/`$ne` tests for an empty value.
 * An empty filter matches every row.
 */
export type Filter = {
  readonly $and?: readonly Filter[]
  readonly $or?: readonly Filter[]
  readonly $not?: Filter
  readonly [column: string]: unknown
}

export interface OrderBy {
  readonly column: string
  readonly direction?: 'asc' | 'desc'
}

export interface CreateRowsQuery {
  readonly table: string
  readonly rows: readonly RowInput[]
}

export interface FindRowsQuery {
  readonly table: string
  readonly filter?: Filter
  /** Ties, and a query without ordering, go by `id`. */
  readonly orderBy?: OrderBy | readonly OrderBy[]
  /** 100 when absent, at most 1000. */
  readonly limit?: number
  readonly offset?: number
}

export interface FindRowsResult {
  readonly rows: Row[]
  /** How many rows match the filter, on every page. */
  readonly total: number
}

export interface GetRowQuery {
  readonly table: string
  readonly id: number
}

/** Which rows to change: those with the given ids, or those matching a filter. */
export type RowSelection = { readonly ids: readonly number[]; readonly filter?: never } | { readonly filter: Filter; readonly ids?: never }

/** Sets the fields given in `patch`; the others keep their values. */
export type UpdateRowsQuery = RowSelection & {
  readonly table: string
  readonly patch: RowInput
}

/**
 * Each row updates the rows whose `keyColumn` equals its own (setting only the fields it gives), or is
 * inserted when there is none.
 */
export interface UpsertRowsQuery {
  readonly table: string
  readonly rows: readonly RowInput[]
  readonly keyColumn: string
}

export interface UpsertRowsResult {
  readonly inserted: Row[]
  readonly updated: Row[]
}

/** Deleting every row takes `all: true`, so a missing filter never empties a table by accident. */
export type DeleteRowsQuery = { readonly table: string } & (RowSelection | { readonly all: true; readonly ids?: never; readonly filter?: never })

/** One aggregate over a group's rows; `$count: true` counts rows, `$count: 'column'` non-empty values. */
export type AggregateSpec =
  | { readonly $count: true | string }
  | { readonly $sum: string }
  | { readonly $avg: string }
  | { readonly $min: string }
  | { readonly $max: string }

export interface AggregateQuery {
  readonly table: string
  readonly filter?: Filter
  /** Columns whose values make a group; without them, all matching rows form one group. */
  readonly groupBy?: readonly string[]
  /** Result name → aggregate. */
  readonly aggregates: Readonly<Record<string, AggregateSpec>>
}

/** One group: its `groupBy` columns by name, and each aggregate by its result name. */
export type AggregateRow = Record<string, unknown>
