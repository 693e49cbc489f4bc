import { z } from '@parley/sdk'
import { anyObject, name } from '../schemas/common.js'
import { row } from '../schemas/records.js'
import { aggregateQuery, findQuery, oneSelection, rows, selectionFields, tableParams } from '../schemas/tables.js'
import { describeOperations } from './operation.js'

const base = '/v1/bots/:botId/tables/:table/rows'
const tag = 'tables'
const manyRows = z.object({ rows: z.array(row) })

export const tableOperations = describeOperations({
  createTableRows: {
    method: 'post', path: base, summary: 'Insert rows', tag,
    params: tableParams, body: z.strictObject({ rows }),
    success: { status: 201, schema: manyRows },
  },
  getTableRow: {
    method: 'get', path: `${base}/:id`, summary: 'Get one row by id', tag,
    params: tableParams.extend({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
    success: { status: 200, schema: z.object({ row }) },
  },
  findTableRows: {
    method: 'post', path: `${base}/find`, summary: 'Find rows by filter, ordered and paged', tag,
    params: tableParams, body: findQuery,
    success: { status: 200, schema: manyRows.extend({ total: z.number().int() }) },
  },
  updateTableRows: {
    method: 'post', path: `${base}/update`, summary: 'Change the rows chosen by ids or filter', tag,
    params: tableParams,
    body: z.strictObject({ ...selectionFields, patch: anyObject }).superRefine(oneSelection(false)),
    success: { status: 200, schema: manyRows },
  },
  upsertTableRows: {
    method: 'post', path: `${base}/upsert`, summary: 'Insert rows, or update those whose key column matches', tag,
    params: tableParams, body: z.strictObject({ rows, keyColumn: name }),
    success: { status: 200, schema: z.object({ inserted: z.array(row), updated: z.array(row) }) },
  },
  deleteTableRows: {
    method: 'post', path: `${base}/delete`, summary: 'Delete the rows chosen by ids or filter, or all', tag,
    params: tableParams,
    body: z.strictObject({ ...selectionFields, all: z.literal(true).optional() }).superRefine(oneSelection(true)),
    success: { status: 200, schema: z.object({ deleted: z.number().int() }) },
  },
  aggregateTableRows: {
    method: 'post', path: `${base}/aggregate`, summary: 'Group rows and compute count, sum, average, minimum, maximum', tag,
    params: tableParams, body: aggregateQuery,
    success: { status: 200, schema: z.object({ rows: z.array(anyObject) }) },
  },
})
