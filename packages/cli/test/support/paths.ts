import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const CLI_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const REPO_ROOT = join(CLI_ROOT, '..', '..')
export const FIXTURE_PROJECTS = join(CLI_ROOT, 'test', 'fixtures', 'projects')

/** Every fixture project: a directory with a definition, sources using `.parley`, and the committed `.parley`. */
export function fixtureProjects(): string[] {
  return readdirSync(FIXTURE_PROJECTS, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
}
