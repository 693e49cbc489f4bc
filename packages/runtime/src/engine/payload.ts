import type { Schema, z } from '@parley/sdk'
import { PayloadError, type PayloadIssue } from './errors.js'

/**
 * Checks `value` against `schema` and returns the parsed value (defaults applied). `subject` says what the
 * value is, so the error reads `action "analytics:trackEvent" input.name: Expected string, received number`.
 */
export function parsePayload<T = unknown>(schema: Schema, value: unknown, subject: string): T {
  const result = schema.safeParse(value)
  if (result.success) return result.data as T
  throw new PayloadError(subject, result.error.issues.map(toIssue))
}

function toIssue(issue: z.ZodIssue): PayloadIssue {
  return { path: issue.path.map(String).join('.'), message: issue.message }
}
