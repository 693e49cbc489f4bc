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
  const extra = [...tagsCondition(params, query.tags), ...(query.conditions?.(params) ?? [])]
  const where = whereClause(params, query.equal, extra)
  const { rows } = await db.query<Row>(`SELECT ${query.columns} FROM ${query.table} ${where} ${pageClause(window)}`, params.values)
  return toPage(rows, window)
}

export function mapPage<T, U>(page: Page<T>, map: (item: T) => U): Page<U> {
  return { items: page.items.map(map), nextOffset: page.nextOffset }
}
