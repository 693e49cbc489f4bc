import { z, type TableDefinition } from '@parley/sdk'
import type { Queryable } from '../database/database.js'
import { TableSchemaError } from '../errors/table-errors.js'
import { quoteIdentifier } from '../sql/identifiers.js'
import { newId, toIso } from '../sql/records.js'
import type { Tags } from '../tags/tags.js'
import { ensureTables } from './ensure-tables.js'
import { tableSqlName } from './physical-names.js'

/** A table code created at run time, with the JSON Schema of its rows. */
export interface RuntimeTable {
  readonly id: string
  readonly name: string
  readonly schema: Readonly<Record<string, unknown>>
  readonly tags: Tags
  readonly createdAt: string
  readonly updatedAt: string
}

export interface RuntimeTableStore {
  /** Creates the table, or adds the schema's new fields to it when it exists. */
  create(name: string, schema: Readonly<Record<string, unknown>>, tags?: Tags): Promise<RuntimeTable>
  /** The table and how many rows it has; undefined when code created none of this name. */
  get(name: string): Promise<{ readonly table: RuntimeTable; readonly rows: number } | undefined>
  /** Drops the table and its rows; whether there was one. */
  delete(name: string): Promise<boolean>
}

/** Tables of one bot made by `createTable`: a physical table like a declared one's, and its schema kept beside. */
export function createRuntimeTableStore(db: Queryable, botId: string): RuntimeTableStore {
  return {
    create: (name, schema, tags = {}) => db.transaction(async (tx) => {
      await ensureTables(tx, botId, { [name]: definitionOf(name, schema) })
      const { rows } = await tx.query<TableRow>(
        `INSERT INTO parley_runtime_tables (bot_id, name, id, schema, tags) VALUES ($1, $2, $3, $4::text::jsonb, $5::text::jsonb)
         ON CONFLICT (bot_id, name) DO UPDATE SET schema = EXCLUDED.schema, tags = parley_runtime_tables.tags || EXCLUDED.tags, updated_at = now()
         RETURNING ${COLUMNS}`,
        [botId, name, newId('table'), JSON.stringify(schema), JSON.stringify(tags)],
      )
      return toTable(rows[0]!)
    }),
    get: async (name) => {
      const { rows } = await db.query<TableRow>(`SELECT ${COLUMNS} FROM parley_runtime_tables WHERE bot_id = $1 AND name = $2`, [botId, name])
      if (!rows[0]) return undefined
      const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdentifier(tableSqlName(botId, name))}`)
      return { table: toTable(rows[0]), rows: count.rows[0]!.n }
    },
    delete: (name) => db.transaction(async (tx) => {
      const { rows } = await tx.query('DELETE FROM parley_runtime_tables WHERE bot_id = $1 AND name = $2 RETURNING name', [botId, name])
      if (rows.length > 0) await tx.query(`DROP TABLE IF EXISTS ${quoteIdentifier(tableSqlName(botId, name))}`)
      return rows.length > 0
    }),
  }
}

/** The definition of the run-time table `name`, read from its stored schema; undefined when code created none. */
export async function runtimeTableDefinition(db: Queryable, botId: string, name: string): Promise<TableDefinition | undefined> {
  const { rows } = await db.query<Pick<TableRow, 'schema'>>('SELECT schema FROM parley_runtime_tables WHERE bot_id = $1 AND name = $2', [botId, name])
  return rows[0] && definitionOf(name, rows[0].schema)
}

interface TableRow {
  id: string
  name: string
  schema: Record<string, unknown>
  tags: Tags
  created_at: Date | string
  updated_at: Date | string
}

const COLUMNS = 'id, name, schema, tags, created_at, updated_at'

function toTable(row: TableRow): RuntimeTable {
  return { id: row.id, name: row.name, schema: row.schema, tags: row.tags, createdAt: toIso(row.created_at), updatedAt: toIso(row.updated_at) }
}

const ROW_COLUMNS = new Set(['id', 'createdAt', 'updatedAt'])

/** JSON Schema types as columns; every field may be left out of a row. */
const FIELD_SCHEMAS: Readonly<Record<string, () => z.ZodTypeAny>> = {
  string: () => z.string(), number: () => z.number(), integer: () => z.number().int(), boolean: () => z.boolean(),
  object: () => z.record(z.unknown()), array: () => z.array(z.unknown()),
}

/** The table definition of a JSON Schema of rows (`{ type: 'object', properties: { … } }`). */
function definitionOf(name: string, schema: Readonly<Record<string, unknown>>): TableDefinition {
  const properties = schema['properties']
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
    throw new TableSchemaError('TABLE_SCHEMA_INVALID', name, `table "${name}": give the schema of its rows as { type: 'object', properties: { field: { type: 'string' }, … } }`)
  }
  // Every row has these columns already; a schema that lists them describes the same columns.
  const own = Object.entries(properties).filter(([field]) => !ROW_COLUMNS.has(field))
  const fields = own.map(([field, property]) => [field, fieldSchema(name, field, property).optional()] as const)
  return { schema: z.object(Object.fromEntries(fields)) }
}

function fieldSchema(table: string, field: string, property: unknown): z.ZodTypeAny {
  const type = typeof property === 'object' && property !== null ? (property as { type?: unknown }).type : undefined
  const make = typeof type === 'string' && Object.hasOwn(FIELD_SCHEMAS, type) ? FIELD_SCHEMAS[type] : undefined
  if (make) return make()
  throw new TableSchemaError('TABLE_SCHEMA_INVALID', table, `table "${table}", field "${field}": type ${JSON.stringify(type)} cannot be stored; use one of ${Object.keys(FIELD_SCHEMAS).join(', ')}`)
}
