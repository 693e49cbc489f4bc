import { existsSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { MANIFEST_FILE, ParleyError, manifestPlugin } from '@parley/sdk'
import { CliError } from '../../errors/cli-error.js'

/** Where a plugin folder's definition comes from (the shape of a `DefinitionFile`). */
interface ManifestFile {
  readonly kind: 'plugin'
  readonly path: string
  readonly fileName: string
}

/**
 * A plugin folder (`plugin.json` + a handler file) stands for a plugin definition: `parley gen`, `add`
 * and `check` read its manifest where other projects have `plugin.definition.ts`.
 */
export function manifestDefinitionFile(dir: string, fileName: string = MANIFEST_FILE): ManifestFile | undefined {
  const path = join(dir, MANIFEST_FILE)
  return existsSync(path) ? { kind: 'plugin', path, fileName } : undefined
}

export function isManifestFile(file: { readonly path: string }): boolean {
  return basename(file.path) === MANIFEST_FILE
}

/** The folder's plugin definition, loaded as the runtime loads it; a bad manifest names the field. */
export function loadManifestDefinition(file: { readonly path: string }): { readonly kind: 'plugin'; readonly name: string } {
  try {
    return manifestPlugin(dirname(file.path)).definition
  } catch (error) {
    if (error instanceof ParleyError) throw new CliError('DEFINITION_FAILED', error.message, { cause: error })
    throw error
  }
}
