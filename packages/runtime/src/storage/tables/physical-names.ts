import { createHash } from 'node:crypto'

// PostgreSQL cuts identifiers at 63 bytes, so names are shortened for reading and made unique by a hash
// of the full names: two bots' tables, or two long names, never share a physical table.

const READABLE_LENGTH = 52

/** `bot-a` + `events` → `parley_t_bot_a_events_1a2b3c4d`. */
export function tableSqlName(botId: string, table: string): string {
  return physicalName('parley_t', [botId, table])
}

/** The index a table definition asks for on `column`. */
export function indexSqlName(botId: string, table: string, column: string): string {
  return physicalName('parley_i', [botId, table, column])
}

function physicalName(prefix: string, parts: readonly string[]): string {
  const readable = [prefix, ...parts.map(slug)].join('_').slice(0, READABLE_LENGTH)
  return `${readable}_${createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 8)}`
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '')
}
