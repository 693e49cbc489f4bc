import { named, type Field } from './model.js'

/**
 * Fields by key, the first of each key kept. A plugin lists its own names first, so where its name used
 * as a prefix equals a dependency's alias, its own entity is the one meant, as the runtime resolves it.
 */
export function byKey(fields: readonly Field[]): Field[] {
  const seen = new Set<string>()
  return fields.filter((f) => !seen.has(f.key) && seen.add(f.key))
}

/** The fields of `Types` every bot, plugin and integration has, each pointing at the record of that name. */
export function implementationTypes(): Field[] {
  return IMPLEMENTATION_MEMBERS.map(([key, record]) => ({ key, type: named(record) }))
}

const IMPLEMENTATION_MEMBERS = [
  ['configuration', 'Configuration'],
  ['actions', 'Actions'],
  ['callableActions', 'CallableActions'],
  ['events', 'Events'],
  ['states', 'States'],
  ['tables', 'Tables'],
  ['workflows', 'Workflows'],
  ['messages', 'Messages'],
  ['interfaces', 'Interfaces'],
  ['integrations', 'Integrations'],
] as const
