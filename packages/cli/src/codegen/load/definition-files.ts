import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { CliError } from '../../errors/cli-error.js'
import { manifestDefinitionFile } from './manifest-folder.js'

export type DefinitionKind = 'bot' | 'plugin' | 'integration' | 'interface'

export const DEFINITION_KINDS: readonly DefinitionKind[] = ['bot', 'plugin', 'integration', 'interface']

/** `bot.definition.ts`: the one file that says what kind of project a directory holds. */
export function definitionFileName(kind: DefinitionKind): string {
  return `${kind}.definition.ts`
}

export interface DefinitionFile {
  readonly kind: DefinitionKind
  /** Absolute path. */
  readonly path: string
  /** The file name, as generated code and messages refer to it. */
  readonly fileName: string
}

/**
 * The project's definition file; exactly one of the four names must exist in `dir`. A plugin folder
 * without one (`plugin.json` + a handler file) is a plugin defined by its manifest.
 */
export function findDefinitionFile(dir: string): DefinitionFile {
  const found = DEFINITION_KINDS.map((kind) => ({ kind, fileName: definitionFileName(kind), path: join(dir, definitionFileName(kind)) }))
    .filter((file) => existsSync(file.path))
  if (found.length === 1) return found[0]!
  const expected = DEFINITION_KINDS.map(definitionFileName).join(', ')
  if (found.length === 0) {
    const manifest = manifestDefinitionFile(dir)
    if (manifest) return manifest
    throw new CliError('DEFINITION_NOT_FOUND', `no definition file in ${dir}: expected one of ${expected} (or a plugin folder's plugin.json). Run parley in a project directory (or pass --cwd <dir>), or create a project with \`parley init <dir>\``)
  }
  throw new CliError('DEFINITION_AMBIGUOUS', `${dir} holds several definition files (${found.map((f) => f.fileName).join(', ')}); a project has exactly one, so move the others into their own projects`)
}
