import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { typeErrors as check } from '../../../scripts/testing/type-errors.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))

/** Type-checks snippets (modules in this folder) in one program; returns each one's diagnostics as text. */
export async function typeErrors(snippets: Record<string, string>): Promise<Record<string, string>> {
  const found = await check({ tsconfig: path.join(here, '..', 'tsconfig.json'), dir: here, snippets })
  return Object.fromEntries(Object.entries(found).map(([name, messages]) => [name, messages.join('\n')]))
}
