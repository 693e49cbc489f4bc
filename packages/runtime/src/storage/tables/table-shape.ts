import type { ObjectSchema, Schema, TableDefinition } from '@parley/sdk'
import { TableSchemaError } from '../errors/table-errors.js'
import { columnKind, type ColumnKind } from './column-kind.js'
import { tableSqlName } from './physical-names.js'

/** A column as rows, filters and ordering name it, and as the database stores it. */
export interface Column {
  readonly name: string
  readonly sqlName: string
  readonly kind: ColumnKind
  /** Rows may leave it empty: the field is optional or nullable. */
  readonly nullable: boolean
  /** An empty value reads back as `null`, because the field accepts `null`; otherwise the field is left out. */
  readonly readsNull: boolean
  /** Kept by the database itself: `id`, `createdAt`, `updatedAt`. */
  readonly system: boolean
}

/** Everything the storage layer knows about one of a bot's tables. */
export interface TableShape {
  readonly botId: string
  readonly name: string
  readonly sqlName: string
  readonly schema: ObjectSchema
  /** System columns first, then the schema's fields, by name. */
  readonly columns: ReadonlyMap<string, Column>
  readonly fields: readonly Column[]
  readonly indexes: readonly Column[]
}

const system = (name: string, sqlName: string, kind: ColumnKind): Column => ({ name, sqlName, kind, nullable: false, readsNull: false, system: true })
export const SYSTEM_COLUMNS: readonly Column[] = [system('id', 'id', 'id'), system('createdAt', 'created_at', 'date'), system('updatedAt', 'updated_at', 'date')]
const RESERVED = new Set(['id', 'createdAt', 'updatedAt', 'created_at', 'updated_at'])
const MAX_IDENTIFIER_BYTES = 63

/** @throws TableSchemaError when a field cannot be a column. */
export function tableShape(botId: string, name: string, definition: TableDefinition): TableShape {
  const fields = Object.entries(definition.schema.shape as Record<string, Schema>).map(([field, schema]) => fieldColumn(name, field, schema))
  const columns = new Map([...SYSTEM_COLUMNS, ...fields].map((column) => [column.name, column]))
  const indexes = (definition.indexes ?? []).map((column) => indexedColumn(name, columns, column))
  return { botId, name, sqlName: tableSqlName(botId, name), schema: definition.schema, columns, fields, indexes }
}

function fieldColumn(table: string, name: string, schema: Schema): Column {
  checkFieldName(table, name)
  const kind = columnKind(schema)
  if (kind === 'unsupported') {
    throw new TableSchemaError('TABLE_SCHEMA_INVALID', table, `table "${table}", field "${name}": z.bigint() cannot be stored; use z.number().int() or a string`)
  }
  const readsNull = schema.isNullable()
  return { name, sqlName: name, kind, nullable: readsNull || schema.isOptional(), readsNull, system: false }
}

function checkFieldName(table: string, name: string): void {
  if (RESERVED.has(name)) {
    throw new TableSchemaError('TABLE_SCHEMA_INVALID', table, `table "${table}", field "${name}": the name is reserved for the column the database keeps itself (id, createdAt, updatedAt); rename the field`)
  }
  if (Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_BYTES) {
    throw new TableSchemaError('TABLE_SCHEMA_INVALID', table, `table "${table}", field "${name.slice(0, 20)}…": names of fields are at most ${MAX_IDENTIFIER_BYTES} bytes long; shorten it`)
  }
}

function indexedColumn(table: string, columns: ReadonlyMap<string, Column>, name: string): Column {
  const column = columns.get(name)
  if (column) return column
  throw new TableSchemaError('TABLE_SCHEMA_INVALID', table, `table "${table}" has an index on "${name}", which is not one of its columns (${[...columns.keys()].join(', ')})`)
}
