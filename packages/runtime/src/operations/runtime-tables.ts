import type { Tags, TableInfo } from '@parley/sdk'
import type { Engine } from '../engine/engine.js'
import { notFound, RuntimeError } from '../engine/errors.js'
import { storedTags } from '../engine/records.js'
import type { Caller } from '../engine/units.js'
import { createRuntimeTableStore, type RuntimeTable } from '../storage/index.js'

// Tables made by code (Botpress's `createTable`), beside those definitions declare. Like a declared
// table's, one is changed at once rather than with the caller's turn: its columns are the database's.

export async function createTable(engine: Engine, _caller: Caller, request: { readonly name: string; readonly schema: object; readonly tags?: Tags }) {
  if (Object.hasOwn(engine.definition.tables, request.name)) {
    throw new RuntimeError('NAME_UNKNOWN', `table "${request.name}" is declared by the bot's definitions; create run-time tables under other names`)
  }
  return { table: toInfo(await tables(engine).create(request.name, request.schema as Record<string, unknown>, storedTags(request.tags))) }
}

export async function getTable(engine: Engine, _caller: Caller, request: { readonly table: string }) {
  const found = await tables(engine).get(request.table)
  if (!found) throw notFound('run-time table', request.table, engine.botId)
  return { table: toInfo(found.table), rows: found.rows }
}

export async function deleteTable(engine: Engine, _caller: Caller, request: { readonly table: string }) {
  if (!(await tables(engine).delete(request.table))) throw notFound('run-time table', request.table, engine.botId)
}

const tables = (engine: Engine) => createRuntimeTableStore(engine.db, engine.botId)

function toInfo(table: RuntimeTable): TableInfo {
  return { ...table }
}
