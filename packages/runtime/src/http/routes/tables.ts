import { z, type RowSelection } from '@parley/sdk'
import { anyObject } from '../schemas/common.js'
import { row } from '../schemas/records.js'
import { aggregateQuery, findQuery, oneSelection, rows, selectionFields, tableParams, type SelectionFields } from '../schemas/tables.js'
import { botRoute, type Route } from './route.js'

const base = '/v1/bots/:botId/tables/:table/rows'
const tag = 'tables'
const manyRows = z.object({ rows: z.array(row) })

/** Rows as the API sees them: any columns, checked by the runtime against the table's schema. */
type Selection = RowSelection<Record<string, unknown>>

/** The one way of choosing rows the request gave (its schema made sure there is exactly one). */
function selection({ ids, filter }: SelectionFields): Selection {
  return ids !== undefined ? { ids } : { filter: filter ?? {} }
}

function deletion(fields: SelectionFields): Selection | { readonly all: true } {
  return fields.all ? { all: true } : selection(fields)
}

export const tableRoutes: readonly Route[] = [
  botRoute({
    method: 'post', path: base, operationId: 'createTableRows', summary: 'Insert rows', tag, access: 'token',
    params: tableParams, body: z.strictObject({ rows }),
    success: { status: 201, schema: manyRows },
    handle: ({ client, params, body }) => client.createTableRows({ table: params.table, rows: body.rows }),
  }),
  botRoute({
    method: 'get', path: `${base}/:rowId`, operationId: 'getTableRow', summary: 'Get one row by id', tag, access: 'token',
    params: tableParams.extend({ rowId: z.coerce.number().int() }),
    success: { status: 200, schema: z.object({ row }) },
    handle: ({ client, params }) => client.getTableRow({ table: params.table, id: params.rowId }),
  }),
  botRoute({
    method: 'post', path: `${base}/find`, operationId: 'findTableRows', summary: 'Find rows by filter, ordered and paged', tag, access: 'token',
    params: tableParams, body: findQuery,
    success: { status: 200, schema: manyRows.extend({ total: z.number().int() }) },
    handle: ({ client, params, body }) => client.findTableRows({ table: params.table, ...body }),
  }),
  botRoute({
    method: 'post', path: `${base}/update`, operationId: 'updateTableRows', summary: 'Change the rows chosen by ids or filter', tag, access: 'token',
    params: tableParams,
    body: z.strictObject({ ...selectionFields, patch: anyObject }).superRefine(oneSelection(false)),
    success: { status: 200, schema: manyRows },
    handle: ({ client, params, body }) => client.updateTableRows({ table: params.table, patch: body.patch, ...selection(body) }),
  }),
  botRoute({
    method: 'post', path: `${base}/upsert`, operationId: 'upsertTableRows', summary: 'Insert rows, or update those whose key column matches', tag, access: 'token',
    params: tableParams, body: z.strictObject({ rows, keyColumn: z.string().min(1) }),
    success: { status: 200, schema: z.object({ inserted: z.array(row), updated: z.array(row) }) },
    handle: ({ client, params, body }) => client.upsertTableRows({ table: params.table, ...body }),
  }),
  botRoute({
    method: 'post', path: `${base}/delete`, operationId: 'deleteTableRows', summary: 'Delete the rows chosen by ids or filter, or all', tag, access: 'token',
    params: tableParams,
    body: z.strictObject({ ...selectionFields, all: z.literal(true).optional() }).superRefine(oneSelection(true)),
    success: { status: 200, schema: z.object({ deleted: z.number().int() }) },
    handle: ({ client, params, body }) => client.deleteTableRows({ table: params.table, ...deletion(body) }),
  }),
  botRoute({
    method: 'post', path: `${base}/aggregate`, operationId: 'aggregateTableRows', summary: 'Group rows and compute count, sum, average, minimum, maximum', tag, access: 'token',
    params: tableParams, body: aggregateQuery,
    success: { status: 200, schema: z.object({ rows: z.array(anyObject) }) },
    handle: ({ client, params, body }) => client.aggregateTableRows({ table: params.table, ...body }),
  }),
]
