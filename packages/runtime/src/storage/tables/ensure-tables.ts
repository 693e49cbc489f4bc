import type { TableDefinition } from '@parley/sdk'
import type { Queryable } from '../database/database.js'
import { TableSchemaError } from '../errors/table-errors.js'
import { quoteIdentifier } from '../sql/identifiers.js'
import { INFORMATION_SCHEMA_TYPES, SQL_TYPES } from './column-kind.js'
import { indexSqlName } from './physical-names.js'
import { tableShape, type Column, type TableShape } from './table-shape.js'

/** A column as the database has it now. */
interface ExistingColumn {
  readonly column_name: string
  readonly data_type: string
  readonly is_nullable: 'YES' | 'NO'
}

/** Processes starting together on one server take turns, per schema and bot. */
const LOCK = `SELECT pg_advisory_xact_lock(hashtext('parley_tables'), hashtext(current_schema() || ':' || $1))`

/**
 * Creates a bot's tables, or brings them up to date with their definitions: new fields become new columns
 * (empty in existing rows), and declared indexes are created. Nothing is ever dropped; a field whose type
 * changed is refused, since converting it could lose data. All tables change together or not at all.
 *
 * @throws TableSchemaError `TABLE_SCHEMA_INVALID` for a schema that cannot be stored,
 *   `TABLE_SCHEMA_CONFLICT` for one that no longer fits the columns in the database.
 */
export async function ensureTables(db: Queryable, botId: string, tables: Readonly<Record<string, TableDefinition>>): Promise<void> {
  const shapes = Object.entries(tables).map(([name, definition]) => tableShape(botId, name, definition))
  await db.transaction(async (tx) => {
    await tx.query(LOCK, [botId])
    for (const shape of shapes) await ensureTable(tx, shape)
  })
}

async function ensureTable(tx: Queryable, shape: TableShape): Promise<void> {
  const existing = await existingColumns(tx, shape.sqlName)
  await tx.query(existing.size === 0 ? createTableSql(shape) : extendTableSql(shape, existing))
  for (const column of shape.indexes) {
    await tx.query(`CREATE INDEX IF NOT EXISTS ${quoteIdentifier(indexSqlName(shape.botId, shape.name, column.name))} ON ${quoteIdentifier(shape.sqlName)} (${quoteIdentifier(column.sqlName)})`)
  }
}

async function existingColumns(tx: Queryable, sqlName: string): Promise<Map<string, ExistingColumn>> {
  const { rows } = await tx.query<ExistingColumn>(
    `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
    [sqlName],
  )
  return new Map(rows.map((row) => [row.column_name, row]))
}

function columnSql(column: Column, required: boolean): string {
  return `${quoteIdentifier(column.sqlName)} ${SQL_TYPES[column.kind]}${required ? ' NOT NULL' : ''}`
}

function createTableSql(shape: TableShape): string {
  const fields = shape.fields.map((column) => `${columnSql(column, !column.nullable)},`)
  return `CREATE TABLE ${quoteIdentifier(shape.sqlName)} (
    id bigserial PRIMARY KEY, ${fields.join(' ')}
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`
}

/**
 * Added columns allow NULL even for required fields, since rows already there have no value for them.
 * Columns that may now be empty — optional fields, and columns no field uses any more — stop requiring
 * a value, or new rows could not be written.
 */
function extendTableSql(shape: TableShape, existing: ReadonlyMap<string, ExistingColumn>): string {
  shape.fields.forEach((column) => checkType(shape, column, existing.get(column.sqlName)))
  const added = shape.fields.filter((column) => !existing.has(column.sqlName)).map((column) => `ADD COLUMN ${columnSql(column, false)}`)
  const loosened = [...existing.values()].filter((found) => found.is_nullable === 'NO' && mayBeEmpty(shape, found.column_name))
  const changes = [...added, ...loosened.map((found) => `ALTER COLUMN ${quoteIdentifier(found.column_name)} DROP NOT NULL`)]
  return changes.length > 0 ? `ALTER TABLE ${quoteIdentifier(shape.sqlName)} ${changes.join(', ')}` : 'SELECT 1'
}

function mayBeEmpty(shape: TableShape, sqlName: string): boolean {
  const column = [...shape.columns.values()].find((candidate) => candidate.sqlName === sqlName)
  return column ? column.nullable : true
}

function checkType(shape: TableShape, column: Column, found: ExistingColumn | undefined): void {
  const expected = INFORMATION_SCHEMA_TYPES[column.kind]
  if (!found || found.data_type === expected) return
  throw new TableSchemaError('TABLE_SCHEMA_CONFLICT', shape.name, `table "${shape.name}", field "${column.name}": the schema now makes it ${expected}, ` +
    `but the database holds ${found.data_type} values in it; Parley never converts or drops stored data, so rename the field (the old column is kept) or change its type back`)
}
