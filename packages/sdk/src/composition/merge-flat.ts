import { CompositionError } from '../errors/composition-error.js'
import { schemaFingerprint } from '../schema/json-schema.js'
import type { TableDefinition, TagDefinition, WorkflowDefinition } from '../definitions/entities.js'
import { describeOrigin, type Origin } from './instances.js'
import type { Shared } from './composed-entities.js'

/** One source's declarations of one kind of flat entity. */
export interface FlatSource<T> {
  readonly origin: Origin
  readonly entries: Readonly<Record<string, T>> | undefined
}

/**
 * Merges unprefixed entities (tags, tables, workflows). Two sources may declare the same name only if
 * they declare the same thing; otherwise the error names both, since picking one would silently change
 * the other's data.
 */
export function mergeFlat<T>(kind: string, sources: readonly FlatSource<T>[], fingerprint: (value: T) => string): Record<string, T & Shared> {
  const merged: Record<string, T & Shared> = {}
  for (const { origin, entries } of sources) {
    for (const [name, value] of Object.entries(entries ?? {})) {
      const existing = merged[name]
      if (!existing) merged[name] = { ...value, origins: [origin] }
      else if (fingerprint(existing) === fingerprint(value)) merged[name] = { ...existing, origins: [...existing.origins, origin] }
      else throw clash(kind, name, existing.origins[0]!, origin)
    }
  }
  return merged
}

function clash(kind: string, name: string, first: Origin, second: Origin): CompositionError {
  return new CompositionError(
    'ENTITY_CLASH',
    `${kind} "${name}" is defined by ${describeOrigin(first)} and differently by ${describeOrigin(second)}; ` +
      `${kind}s are shared by name across a bot, so rename one of them or make both definitions identical`,
  )
}

export const tagFingerprint = (tag: TagDefinition): string => JSON.stringify([tag.title ?? null, tag.description ?? null])

export const tableFingerprint = (table: TableDefinition): string =>
  JSON.stringify([schemaFingerprint(table.schema), [...(table.indexes ?? [])].sort()])

export const workflowFingerprint = (workflow: WorkflowDefinition): string =>
  JSON.stringify([schemaFingerprint(workflow.input.schema), schemaFingerprint(workflow.output.schema), Object.keys(workflow.tags ?? {}).sort()])
