import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { ALIAS } from '@parley/sdk'
import { CliError } from '../errors/cli-error.js'
import { DEFINITION_KINDS, definitionFileName, type DefinitionFile } from '../codegen/load/definition-files.js'
import { manifestDefinitionFile } from '../codegen/load/manifest-folder.js'
import { readPackageJson } from './package-json.js'

/** A package the project added with `parley add`: a local directory (`file:…`) or an installed npm package. */
export interface ParleyDependency {
  readonly alias: string
  /** As recorded in package.json: `file:../plugins/analytics` or `@acme/analytics`. */
  readonly spec: string
}

const FILE_PREFIX = 'file:'

/** Where a package without a definition file may export a plugin made by `createPlugin`. */
const PLUGIN_MODULES = ['index.ts', 'dist/index.js']

export function readParleyDependencies(dir: string): ParleyDependency[] {
  const recorded = readPackageJson(dir).parleyDependencies ?? {}
  return Object.entries(recorded).map(([alias, spec]) => {
    if (!ALIAS.test(alias)) throw new CliError('ALIAS_INVALID', `package.json: parleyDependencies."${alias}" is not a valid alias; use letters, digits, _ and -, starting with a letter`)
    return { alias, spec }
  })
}

/** The directory a dependency's files are in. */
export function packageDirectory(projectDir: string, spec: string): string {
  if (spec.startsWith(FILE_PREFIX)) return resolve(projectDir, spec.slice(FILE_PREFIX.length))
  for (let dir = resolve(projectDir); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', spec)
    if (existsSync(join(candidate, 'package.json'))) return candidate
    if (dirname(dir) === dir) break
  }
  throw new CliError('PACKAGE_NOT_FOUND', `package "${spec}" is not installed; install it first (npm install ${spec}), or give a path to a local package (./path/to/package)`)
}

/**
 * A package's definition: its `<kind>.definition.ts` as a project has it, the
 * `dist/<kind>.definition.js` that `parley build` writes for published packages, or a plugin folder's
 * `plugin.json`.
 */
export function findPackageDefinition(projectDir: string, dependency: ParleyDependency): DefinitionFile {
  const dir = packageDirectory(projectDir, dependency.spec)
  for (const kind of DEFINITION_KINDS) {
    for (const fileName of [definitionFileName(kind), `dist/${kind}.definition.js`]) {
      if (existsSync(join(dir, fileName))) return { kind, path: join(dir, fileName), fileName: `${dependency.spec}/${fileName}` }
    }
  }
  const manifest = manifestDefinitionFile(dir, `${dependency.spec}/plugin.json`)
  if (manifest) return manifest
  // A plugin written as one `createPlugin({ … })` object carries its definition in the module itself.
  for (const fileName of PLUGIN_MODULES) {
    if (existsSync(join(dir, fileName))) return { kind: 'plugin', path: join(dir, fileName), fileName: `${dependency.spec}/${fileName}` }
  }
  throw new CliError('DEFINITION_NOT_FOUND', `package "${dependency.spec}" (${dir}) has no definition: expected ${DEFINITION_KINDS.map(definitionFileName).join(', ')}, its build in dist/, a plugin folder's plugin.json, or an index.ts exporting a createPlugin plugin`)
}

/** How `parley add` records a path: relative to the project, so the project can move. */
export function fileSpec(relativePath: string): string {
  return `${FILE_PREFIX}${relativePath.split('\\').join('/')}`
}
