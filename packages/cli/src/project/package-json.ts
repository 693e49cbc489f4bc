import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CliError } from '../errors/cli-error.js'

/** A package.json as parley reads and edits it; other fields pass through untouched. */
export interface PackageJson {
  name?: string
  parleyDependencies?: Record<string, string>
  [field: string]: unknown
}

export function readPackageJson(dir: string): PackageJson {
  const path = join(dir, 'package.json')
  if (!existsSync(path)) return {}
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as PackageJson
  } catch (error) {
    throw new CliError('PROJECT_INVALID', `${path} is not valid JSON (${(error as Error).message}); fix it and run the command again`)
  }
}

/** Writes with two-space indentation and a final newline, as npm does, so diffs stay small. */
export function writePackageJson(dir: string, json: PackageJson): void {
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(json, null, 2)}\n`)
}
