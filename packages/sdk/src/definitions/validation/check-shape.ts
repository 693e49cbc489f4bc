import type { z } from '../../schema/zod.js'
import { DefinitionError } from '../../errors/definition-error.js'

/** Paths whose first two segments name an entity (`states.metrics`) rather than a field. */
const ENTITY_MAPS = new Set([
  'states', 'events', 'actions', 'tables', 'workflows', 'recurringEvents', 'channels', 'entities',
  'secrets', 'interfaces', 'integrations',
])

/**
 * Checks props against their meta-schema and throws a {@link DefinitionError} for the first problem,
 * naming the entity (`states.metrics`) and the field (`type`) it was found in.
 */
export function checkShape(definition: string, metaSchema: z.ZodTypeAny, props: unknown): void {
  const result = metaSchema.safeParse(props)
  if (result.success) return
  const issue = result.error.issues[0]!
  const more = result.error.issues.length - 1
  throw new DefinitionError(locate(definition, issue.path.map(String)), explain(issue) + (more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''))
}

function locate(definition: string, path: string[]) {
  const [first, second, ...rest] = path
  if (first && second !== undefined && ENTITY_MAPS.has(first)) {
    return { definition, entity: `${first}.${second}`, field: rest.join('.') || undefined }
  }
  return { definition, field: path.join('.') || undefined }
}

function explain(issue: z.ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; check the spelling against the documented fields`
  if (issue.code === 'invalid_enum_value') return `"${String(issue.received)}" is not allowed; use one of ${issue.options.map((o) => `"${String(o)}"`).join(', ')}`
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return `is required (${issue.expected})`
  return issue.message
}
