import type { Engine } from '../engine/engine.js'
import { notFound, RuntimeError } from '../engine/errors.js'
import type { Caller } from '../engine/units.js'
import { runtimeTableDefinition } from '../storage/index.js'
import type { AggregateQuery, DeleteRowsQuery, FindRowsQuery, RowInput, UpdateRowsQuery } from '../storage/tables/index.js'

// Rows are checked against their table's schema, and columns against its columns, by the table store;
// here the caller's table name becomes the bot's.

type Named<Q> = Omit<Q, 'table'> & { readonly table: string }

export async function createTableRow(engine: Engine, caller: Caller, request: { readonly table: string; readonly row: RowInput }) {
  const [row] = await engine.stores.tables.createRows({ table: await tableOf(engine, caller, request.table), rows: [request.row] })
  return { row: row! }
}

export async function createTableRows(engine: Engine, caller: Caller, request: { readonly table: string; readonly rows: readonly RowInput[] }) {
  return { rows: await engine.stores.tables.createRows({ table: await tableOf(engine, caller, request.table), rows: request.rows }) }
}

export async function findTableRows(engine: Engine, caller: Caller, request: Named<FindRowsQuery>) {
  return engine.stores.tables.findRows({ ...request, table: await tableOf(engine, caller, request.table) })
}

export async function getTableRow(engine: Engine, caller: Caller, request: { readonly table: string; readonly id: number }) {
  const table = await tableOf(engine, caller, request.table)
  const row = await engine.stores.tables.getRow({ table, id: request.id })
  if (!row) throw notFound(`row of table "${table}" with id`, String(request.id), engine.botId)
  return { row }
}

export async function updateTableRows(engine: Engine, caller: Caller, request: Named<UpdateRowsQuery>) {
  return { rows: await engine.stores.tables.updateRows({ ...request, table: await tableOf(engine, caller, request.table) } as UpdateRowsQuery) }
}

export async function upsertTableRows(engine: Engine, caller: Caller, request: { readonly table: string; readonly rows: readonly RowInput[]; readonly keyColumn: string }) {
  return engine.stores.tables.upsertRows({ ...request, table: await tableOf(engine, caller, request.table) })
}

export async function deleteTableRows(engine: Engine, caller: Caller, request: Named<DeleteRowsQuery>) {
  return engine.stores.tables.deleteRows({ ...request, table: await tableOf(engine, caller, request.table) } as DeleteRowsQuery)
}

export async function aggregateTableRows(engine: Engine, caller: Caller, request: Named<AggregateQuery>) {
  return { rows: await engine.stores.tables.aggregate({ ...request, table: await tableOf(engine, caller, request.table) }) }
}

/** The bot's name of a declared table, or the name of one code created at run time. */
async function tableOf(engine: Engine, caller: Caller, name: string): Promise<string> {
  try {
    return caller.unit.scope.table(name)
  } catch (error) {
    const unknown = error instanceof RuntimeError && error.code === 'NAME_UNKNOWN'
    if (unknown && (await runtimeTableDefinition(engine.db, engine.botId, name))) return name
    throw error
  }
}
