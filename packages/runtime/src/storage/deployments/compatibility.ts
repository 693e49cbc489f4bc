import { toJsonSchema, type ObjectSchema, type Schema, type StateDefinition, type TableDefinition } from '@parley/sdk'
import type { Queryable } from '../database/database.js'
import { quoteIdentifier } from '../sql/identifiers.js'
import { readRow } from '../tables/read-rows.js'
import { tableShape, type TableShape } from '../tables/table-shape.js'

/** A stored record that a new definition's schema refuses. */
export interface RowConflict {
  /** `conversation/c1` for a state (its type and id), the row id for a table. */
  readonly id: string
  /** The first field at fault and what the schema says of it. */
  readonly issue: string
}

/** A state or table whose stored records do not fit the definition about to run. */
export interface Incompatibility {
  readonly kind: 'state' | 'table'
  readonly name: string
  /** How many stored records fail. */
  readonly count: number
  /** The first of them (at most `SAMPLE`). */
  readonly rows: readonly RowConflict[]
}

export interface CompatibilityInput {
  readonly botId: string
  readonly states: Readonly<Record<string, StateDefinition>>
  readonly tables: Readonly<Record<string, TableDefinition>>
  /**
   * The definition the stored data was checked against before (the version running now): a state or table
   * whose schema is the same there is not read again, so a deployment that changes no schema reads no rows.
   */
  readonly previous?: {
    readonly states: Readonly<Record<string, StateDefinition>>
    readonly tables: Readonly<Record<string, TableDefinition>>
  }
}

/** How many failing records a report names per state or table; the count covers all of them. */
const SAMPLE = 10
/** Records are read in pages of this many, so a large table is checked without holding it all. */
const PAGE = 500

/**
 * Checks every stored state and table row of the bot against the schemas of a definition about to run,
 * so that a version which could not read its own data is refused before it serves anyone.
 */
export async function findIncompatibilities(db: Queryable, input: CompatibilityInput): Promise<Incompatibility[]> {
  const found: Incompatibility[] = []
  const { states, tables } = input.previous ?? { states: {}, tables: {} }
  for (const [name, state] of Object.entries(input.states)) {
    if (!sameSchema(state.schema, Object.hasOwn(states, name) ? states[name]?.schema : undefined)) found.push(await checkState(db, input.botId, name, state.schema))
  }
  for (const [name, table] of Object.entries(input.tables)) {
    if (!sameSchema(table.schema, Object.hasOwn(tables, name) ? tables[name]?.schema : undefined)) found.push(await checkTable(db, input.botId, name, table))
  }
  return found.filter((entry) => entry.count > 0)
}

/**
 * Whether two schemas accept the same records, as far as their JSON Schema tells; when it cannot tell, they
 * differ. A change to a refinement's code alone does not show in JSON Schema: deploy such a change with the
 * data checked by changing the schema's shape too, or migrate the data first.
 */
function sameSchema(next: Schema, before: Schema | undefined): boolean {
  if (before === undefined) return false
  if (before === next) return true
  try {
    return JSON.stringify(toJsonSchema(next)) === JSON.stringify(toJsonSchema(before))
  } catch {
    // A schema JSON Schema cannot express (a refinement, a transform): its rows are checked.
    return false
  }
}

interface StateRow {
  type: string
  id: string
  payload: unknown
}

async function checkState(db: Queryable, botId: string, name: string, schema: ObjectSchema): Promise<Incompatibility> {
  const tally = tallier('state', name)
  for (let after = ['', ''], page: StateRow[] = []; after.length > 0; after = nextKey(page)) {
    page = (await db.query<StateRow>(
      `SELECT type, id, payload FROM parley_states WHERE bot_id = $1 AND name = $2 AND (type, id) > ($3, $4)
         AND (expires_at IS NULL OR expires_at > now()) ORDER BY type, id LIMIT ${PAGE}`, [botId, name, after[0], after[1]])).rows
    for (const row of page) tally.check(`${row.type}/${row.id}`, schema, row.payload)
  }
  return tally.result()
}

function nextKey(page: readonly StateRow[]): string[] {
  const last = page.at(-1)
  return page.length === PAGE && last ? [last.type, last.id] : []
}

async function checkTable(db: Queryable, botId: string, name: string, definition: TableDefinition): Promise<Incompatibility> {
  const tally = tallier('table', name)
  let shape: TableShape
  try {
    shape = tableShape(botId, name, definition)
  } catch {
    // A schema that cannot be a table is reported when the tables are brought up to date.
    return tally.result()
  }
  if (!(await tableExists(db, shape.sqlName))) return tally.result()
  for (let after = 0, count = PAGE; count === PAGE;) {
    const { rows } = await db.query<Record<string, unknown>>(`SELECT * FROM ${quoteIdentifier(shape.sqlName)} WHERE id > $1 ORDER BY id LIMIT ${PAGE}`, [after])
    for (const raw of rows) tally.check(String(raw['id']), shape.schema, fields(shape, raw))
    count = rows.length
    after = Number(rows.at(-1)?.['id'] ?? after)
  }
  return tally.result()
}

async function tableExists(db: Queryable, sqlName: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1', [sqlName])
  return rows.length > 0
}

/** A row as the schema sees it: its fields, without the columns the database keeps. */
function fields(shape: TableShape, raw: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const row: Record<string, unknown> = { ...readRow(shape, raw) }
  for (const system of ['id', 'createdAt', 'updatedAt']) delete row[system]
  for (const [key, value] of Object.entries(row)) if (value instanceof Date) row[key] = value.toISOString()
  return row
}

function tallier(kind: Incompatibility['kind'], name: string) {
  const rows: RowConflict[] = []
  let count = 0
  return {
    check: (id: string, schema: ObjectSchema, value: unknown) => {
      const parsed = schema.safeParse(value)
      if (parsed.success) return
      count += 1
      const issue = parsed.error.issues[0]
      if (rows.length < SAMPLE) rows.push({ id, issue: issue ? `${issue.path.join('.') || '(the record)'}: ${issue.message}` : 'does not fit the schema' })
    },
    result: (): Incompatibility => ({ kind, name, count, rows }),
  }
}
