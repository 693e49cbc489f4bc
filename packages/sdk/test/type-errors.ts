import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { typeErrors as check } from '../../../scripts/testing/type-errors.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))

/**
 * Type-checks snippets (each a module in this folder's context) in one program and returns each one's
 * diagnostics as text, so tests can assert that a misuse is reported and that the message names the field.
 */
export function typeErrors(snippets: Record<string, string>): Promise<Record<string, string[]>> {
  return check({ tsconfig: path.join(here, '..', 'tsconfig.json'), dir: here, snippets })
}
