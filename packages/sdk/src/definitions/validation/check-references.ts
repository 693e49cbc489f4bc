import { DefinitionError } from '../../errors/definition-error.js'
import { parseSchedule, ScheduleSyntaxError } from '../../schedule/schedule.js'
import { ENTITY_NAME } from '../../schema/names.js'
import { isZodSchema } from './zod-guards.js'
import type { EventDefinition, Named, RecurringEventDefinition, TableDefinition } from '../entities.js'

/** Each index must name a column of the table's own schema. */
export function checkTableIndexes(definition: string, tables: Named<TableDefinition> | undefined): void {
  for (const [name, table] of Object.entries(tables ?? {})) {
    const columns = Object.keys(table.schema.shape)
    for (const index of table.indexes ?? []) {
      if (columns.includes(index)) continue
      throw new DefinitionError(
        { definition, entity: `tables.${name}`, field: 'indexes' },
        `"${index}" is not a column; index one of ${columns.map((c) => `"${c}"`).join(', ')}`,
      )
    }
  }
}

/** A recurring event emits a declared event, with a payload that fits it, on a schedule that parses. */
export function checkRecurringEvents(
  definition: string,
  recurring: Named<RecurringEventDefinition> | undefined,
  events: Named<EventDefinition> | undefined,
): void {
  for (const [name, entry] of Object.entries(recurring ?? {})) {
    const at = { definition, entity: `recurringEvents.${name}` }
    const event = events?.[entry.type]
    if (!event) {
      const known = Object.keys(events ?? {})
      throw new DefinitionError({ ...at, field: 'type' }, `"${entry.type}" is not an event of this definition; declare it under events${known.length ? ` or use one of ${known.map((k) => `"${k}"`).join(', ')}` : ''}`)
    }
    checkPayload(at, entry, event)
    checkSchedule(at, entry)
  }
}

function checkPayload(at: { definition: string; entity: string }, entry: RecurringEventDefinition, event: EventDefinition) {
  if (!isZodSchema(event.schema)) return // built from interface entities: checked once the bot resolves them
  const parsed = event.schema.safeParse(entry.payload)
  if (parsed.success) return
  const issue = parsed.error.issues[0]!
  throw new DefinitionError({ ...at, field: ['payload', ...issue.path].join('.') }, `${issue.message}; the payload must fit the schema of event "${entry.type}"`)
}

function checkSchedule(at: { definition: string; entity: string }, entry: RecurringEventDefinition) {
  try {
    parseSchedule(entry.schedule.cron, entry.schedule.timezone)
  } catch (error) {
    if (!(error instanceof ScheduleSyntaxError)) throw error
    const field = error.message.includes('time zone') ? 'schedule.timezone' : 'schedule.cron'
    throw new DefinitionError({ ...at, field }, error.message)
  }
}

/** Names that arrive outside a meta-schema record (e.g. interface entity mappings) get the same rule. */
export function checkName(definition: string, entity: string, name: string): void {
  if (ENTITY_NAME.test(name)) return
  throw new DefinitionError({ definition, entity }, `"${name}" is not a valid name; use letters, digits and _, starting with a letter`)
}
