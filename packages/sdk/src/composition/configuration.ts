import type { ObjectSchema } from '../schema/zod.js'
import { CompositionError } from '../errors/composition-error.js'

/**
 * Validates the configuration a bot gives a package, returning it with defaults applied. The error
 * names the field and the package, so the builder knows which `addPlugin` call to fix.
 */
export function parseConfiguration(owner: string, schema: ObjectSchema, given: unknown): Record<string, unknown> {
  const result = schema.safeParse(given ?? {})
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => `configuration.${issue.path.join('.') || '(root)'}: ${issue.message}`)
  throw new CompositionError('CONFIGURATION_INVALID', `${owner} has invalid configuration: ${problems.join('; ')}`)
}
