import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { z } from '../schema/zod.js'
import { ManifestError } from './manifest-error.js'
import { fieldPath, manifestSchema, type Manifest } from './manifest-schema.js'

export const MANIFEST_FILE = 'plugin.json'

/** A manifest is a few lines; anything this large is not one. */
const MAX_MANIFEST_BYTES = 1_000_000

/** `dir/plugin.json`, parsed and checked; an error names the folder and the field at fault. */
export function readManifest(dir: string): Manifest {
  const file = join(dir, MANIFEST_FILE)
  if (!existsSync(file)) throw new ManifestError('MANIFEST_NOT_FOUND', `${dir} has no ${MANIFEST_FILE}; a plugin folder holds plugin.json (id, name, version, description, events, variables) and handler.py, handler.ts or handler.js`)
  if (statSync(file).size > MAX_MANIFEST_BYTES) throw invalid(file, `is larger than ${MAX_MANIFEST_BYTES} bytes; a manifest holds metadata, events and variables only`)
  return checkManifest(parseJson(file), file)
}

/** Checks a manifest's content; `file` names it in errors. */
export function checkManifest(value: unknown, file: string): Manifest {
  const result = manifestSchema.safeParse(value)
  if (result.success) return result.data
  throw invalid(file, result.error.issues.map(describeIssue).join('; '))
}

function parseJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw invalid(file, `is not valid JSON (${error instanceof Error ? error.message : String(error)})`)
  }
}

function describeIssue(issue: z.ZodIssue): string {
  const field = fieldPath(issue.path)
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return `${field} is required`
  if (issue.code === 'invalid_type') return `${field || 'the manifest'} must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}, not ${issue.received}`
  return `${field}: ${issue.message}`
}

function invalid(file: string, problem: string): ManifestError {
  return new ManifestError('MANIFEST_INVALID', `${file} ${problem.startsWith('is ') ? problem : `is invalid: ${problem}`}`)
}
