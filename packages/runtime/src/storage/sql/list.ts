import type { Queryable } from '../database/database.js'
import { tagsCondition, type Tags } from '../tags/tags.js'
import { whereClause } from './conditions.js'
import { pageClause, pageWindow, toPage, type Page, type PageOptions } from './paging.js'
import { sqlParams, type SqlParams } from './params.js'

/** A page of one bot's records from one of Parley's own tables. */
export interface ListQuery {
  readonly table: string
  readonly columns: string
  /** Column → value; `undefined` values are not conditions. Always includes `bot_id`. */
  readonly equal: Readonly<Record<string, unknown>>
  readonly tags?: Tags
  /** More conditions, built with the same parameters. */
  readonly conditions?: (params: SqlParams) => string[]
  readonly page: PageOptions
}

export async function listRecords<Row extends object>(db: Queryable, query: ListQuery): Promise<Page<Row>> {
  const window = pageWindow(query.page)
  const params = sqlParams()
  const { rows } = await db.query<Row>(`SELECT ${query.columns} FROM ${query.table} ${where(params, query)} ${pageClause(window)}`, params.values)
  return toPage(rows, window)
}

/** How many records the query matches, whatever its page. */
export async function countRecords(db: Queryable, query: Omit<ListQuery, 'columns' | 'page'>): Promise<number> {
  const params = sqlParams()
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${query.table} ${where(params, query)}`, params.values)
  return rows[0]!.n
}

function where(params: SqlParams, query: Omit<ListQuery, 'columns' | 'page'>): string {
  return whereClause(params, query.equal, [...tagsCondition(params, query.tags), ...(query.conditions?.(params) ?? [])])
}

export function mapPage<T, U>(page: Page<T>, map: (item: T) => U): Page<U> {
  return { items: page.items.map(map), nextOffset: page.nextOffset }
}
