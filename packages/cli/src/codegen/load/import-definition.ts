import { dirname } from 'node:path'
import { pathToFileURL } from 'node:url'
import { tsImport } from 'tsx/esm/api'
import { ParleyError } from '@parley/sdk'
import { CliError } from '../../errors/cli-error.js'
import type { DefinitionFile, DefinitionKind } from './definition-files.js'
import { isManifestFile, loadManifestDefinition } from './manifest-folder.js'

/** What codegen reads from a definition; the classes themselves come from the project's copy of the sdk. */
export interface LoadedDefinition {
  readonly kind: DefinitionKind
  /** A bot has no name; every package does. */
  readonly value: { readonly kind: DefinitionKind; readonly name?: string }
}

/**
 * Imports a definition file straight from TypeScript (no build step) and returns its default export.
 * Kinds are told apart by their `kind` field, not `instanceof`: the project may load its own copy of
 * the sdk.
 */
export async function importDefinition(file: DefinitionFile): Promise<LoadedDefinition> {
  if (isManifestFile(file)) return { kind: 'plugin', value: loadManifestDefinition(file) }
  const value = unwrapPackage(defaultExport(await importModule(file)))
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined
  if (kind !== file.kind) {
    const got = kind ? `a ${String(kind)} definition` : value === undefined ? 'nothing' : typeof value
    const Class = `${file.kind[0]!.toUpperCase()}${file.kind.slice(1)}Definition`
    throw new CliError('DEFINITION_EXPORT_INVALID', `${file.fileName} must export a ${Class} as its default export (\`export default new ${Class}({ … })\`), but exports ${got}`)
  }
  return { kind: file.kind, value: value as LoadedDefinition['value'] }
}

/** A package (`{ type, name, version, definition }`, as `@parley/interfaces/llm` exports) stands for its definition. */
function unwrapPackage(value: unknown): unknown {
  const inner = typeof value === 'object' && value !== null && !('kind' in value) ? (value as { definition?: unknown }).definition : undefined
  return typeof inner === 'object' && inner !== null && 'kind' in inner ? inner : value
}

/**
 * The module's default export. A project without `"type": "module"` is loaded as CommonJS, where a
 * re-exported default arrives wrapped once more (`{ default: definition }`).
 */
function defaultExport(module: unknown): unknown {
  const value = (module as { default?: unknown }).default
  const inner = typeof value === 'object' && value !== null && !('kind' in value) ? (value as { default?: unknown }).default : undefined
  return inner ?? value
}

async function importModule(file: DefinitionFile): Promise<unknown> {
  try {
    return await tsImport(pathToFileURL(file.path).href, import.meta.url)
  } catch (error) {
    throw new CliError('DEFINITION_FAILED', `${file.fileName} failed to load: ${describeLoadError(error, dirname(file.path))}`, { cause: error })
  }
}

const MODULE_NOT_FOUND = new Set(['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND'])

/**
 * Definition errors already name the entity and field; anything else is shown with the line of the
 * project's code it came from, if any.
 */
function describeLoadError(error: unknown, projectDir: string): string {
  if (!(error instanceof Error)) return String(error)
  if (isParleyError(error)) return error.message
  const firstLine = error.message.split('\n')[0]!
  if (MODULE_NOT_FOUND.has(String((error as { code?: unknown }).code))) {
    return `${withoutLoaderQuery(firstLine)}; check the import path, and install the project's dependencies (npm install)`
  }
  const origin = error.stack?.split('\n').find((line) => line.includes(projectDir) && !line.includes('node_modules'))
  return origin ? `${firstLine}\n    ${withoutLoaderQuery(origin.trim())}` : firstLine
}

/** The TypeScript loader tags the URLs it loads (`?namespace=…`); the tag means nothing to the user. */
function withoutLoaderQuery(text: string): string {
  return text.replace(/\?(tsx-)?namespace=[\w-]+/g, '')
}

/** The project's own copy of the sdk throws errors that fail `instanceof` here; their class chain still says. */
function isParleyError(error: Error): boolean {
  if (error instanceof ParleyError) return true
  for (let proto = Object.getPrototypeOf(error); proto; proto = Object.getPrototypeOf(proto)) {
    if (proto.constructor?.name === 'ParleyError') return true
  }
  return false
}
