import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

/** Where a project keeps its data: the embedded database and the web chat's secret. */
export const DATA_DIR = '.parley-data'

/** The embedded database's directory, `.parley-data/db`, with its parent made (PGlite makes only the last level). */
export function dataDirectory(dir: string): string {
  mkdirSync(join(dir, DATA_DIR), { recursive: true })
  return join(dir, DATA_DIR, 'db')
}
