import { relative, sep } from 'node:path'
import { ParleyError } from '@parley/sdk'
import { locatedError } from '../project/located-error.js'
import { colorsOf, type Output } from './output.js'

/**
 * How a failed command reports its error: a problem the user can fix is its message alone, pointing at
 * the line of their code when the error knows it (`plugin.definition.ts:7:5 - error DEFINITION_INVALID: …`,
 * as TypeScript writes its own); anything else is a bug in parley, with its stack on `PARLEY_DEBUG=1`.
 */
export async function reportError(error: unknown, out: Output, baseDir: string): Promise<void> {
  const label = colorsOf(out).red('error')
  if (error instanceof ParleyError) return out.error((await locatedMessage(error, baseDir, label)) ?? `${label}: ${error.message}`)
  const detail = process.env['PARLEY_DEBUG'] ? (error as Error).stack : `${(error as Error).message ?? error}\n(this is a bug in parley; run again with PARLEY_DEBUG=1 to see where it happened)`
  out.error(`${label}: ${detail}`)
}

/**
 * The definition's own error at its place in the user's code, when it has one. (The parser that finds
 * the field's line is loaded only then: every run of `parley` loads this module.)
 */
export async function locatedMessage(error: unknown, baseDir: string, label = 'error'): Promise<string | undefined> {
  const located = locatedError(error) as { code?: unknown; message?: unknown } | undefined
  if (!located) return undefined
  const { definitionErrorLocation } = await import('../project/definition-location.js')
  const at = definitionErrorLocation(error, baseDir)
  if (!at) return undefined
  return `${displayPath(at.file, baseDir)}:${at.line}:${at.column} - ${label} ${String(located.code)}: ${String(located.message)}`
}

function displayPath(file: string, baseDir: string): string {
  const rel = relative(baseDir, file)
  return rel.startsWith('..') ? file : rel.split(sep).join('/')
}
