import { splitPrefixed } from '@parley/sdk'
import { RuntimeError } from '../errors.js'
import type { Composed } from './name-scope.js'

/**
 * Tables and workflows are shared by name across the bot. A plugin may still write its own name for one
 * (`crm:customers`): a prefix naming a plugin, by alias or package name, is dropped.
 */
export function flatName(composed: Composed, kind: 'table' | 'workflow', name: string, owner: string): string {
  const entries = kind === 'table' ? composed.tables : composed.workflows
  if (Object.hasOwn(entries, name)) return name
  const { alias, name: rest } = splitPrefixed(name)
  if (alias !== undefined && Object.hasOwn(entries, rest) && namesPlugin(composed, alias)) return rest
  const known = Object.keys(entries)
  throw new RuntimeError('NAME_UNKNOWN', `${owner} uses ${kind} "${name}", which the bot does not have; ${known.length ? `its ${kind}s are ${quoteList(known)}` : `declare it under ${kind}s in a definition`}`)
}

function namesPlugin(composed: Composed, prefix: string): boolean {
  return Object.values(composed.plugins).some((plugin) => plugin.alias === prefix || plugin.definition.name === prefix)
}

/** `"a", "b"` for error messages. */
export function quoteList(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(', ')
}
