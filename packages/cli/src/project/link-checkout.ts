import { existsSync, readdirSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { CliError } from '../errors/cli-error.js'
import { fileSpec } from './dependencies.js'
import { readPackageJson, writePackageJson, type PackageJson } from './package-json.js'

/** A package of a Parley checkout that a project can link to: its name, its directory, whether it has a build step. */
export interface CheckoutPackage {
  readonly name: string
  readonly dir: string
  readonly builds: boolean
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies'] as const

/**
 * Makes the project at `projectDir` use the Parley packages of a local checkout (as
 * `checkoutPackages` found them) instead of published ones: each `@parley/*` dependency becomes `file:<checkout>/packages/…` (npm links it), and
 * `overrides` send every other package's references to the same links, so one copy of each is
 * loaded. The checkout must be installed and built; its own `node_modules` serves the packages'
 * dependencies, so `npm install` here needs no registry for Parley.
 */
export function linkCheckout(projectDir: string, packages: readonly CheckoutPackage[]): void {
  const specs = new Map(packages.map((p) => [p.name, relativeSpec(projectDir, p.dir)]))
  const json = readPackageJson(projectDir)
  for (const field of DEPENDENCY_FIELDS) json[field] = linked(json[field], specs)
  json.overrides = { ...(json.overrides as Record<string, string> | undefined), ...Object.fromEntries(specs) }
  writePackageJson(projectDir, json)
}

/** The publishable packages of the checkout's workspaces, after checking it is installed and built. */
export function checkoutPackages(checkout: string): CheckoutPackage[] {
  const root = resolve(checkout)
  const workspaces = readPackageJson(root).workspaces
  if (!Array.isArray(workspaces)) throw new CliError('CHECKOUT_INVALID', `${root} is not a Parley checkout (its package.json has no "workspaces"); give the directory you cloned Parley into`)
  const packages = workspaceDirs(root, workspaces as string[]).flatMap((dir) => publishable(dir))
  if (!packages.some((p) => p.name === '@parley/sdk')) throw new CliError('CHECKOUT_INVALID', `${root} has no @parley/sdk workspace; give the directory you cloned Parley into`)
  const unbuilt = packages.filter((p) => p.builds && !existsSync(join(p.dir, 'dist')))
  if (unbuilt.length > 0 || !existsSync(join(root, 'node_modules'))) {
    throw new CliError('CHECKOUT_NOT_BUILT', `${root} is not installed and built (${unbuilt.map((p) => p.name).join(', ') || 'no node_modules'}); run \`npm ci && npm run build\` there first`)
  }
  return packages
}

/**
 * Workspace patterns as npm writes them: a directory, or `dir/*` for each directory in it. (Parley's
 * own root uses only these forms; a glob library would add a dependency for nothing.)
 */
function workspaceDirs(root: string, patterns: readonly string[]): string[] {
  return patterns.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [join(root, pattern)]
    const parent = join(root, pattern.slice(0, -2))
    if (!existsSync(parent)) return []
    return readdirSync(parent, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(parent, e.name))
  })
}

function publishable(dir: string): CheckoutPackage[] {
  const json: PackageJson = readPackageJson(dir)
  const builds = typeof (json.scripts as Record<string, unknown> | undefined)?.['build'] === 'string'
  return json.name && json.private !== true ? [{ name: json.name, dir, builds }] : []
}

function linked(deps: unknown, specs: ReadonlyMap<string, string>): Record<string, string> | undefined {
  if (!deps) return undefined
  return Object.fromEntries(Object.entries(deps as Record<string, string>).map(([name, range]) => [name, specs.get(name) ?? range]))
}

function relativeSpec(projectDir: string, dir: string): string {
  const path = relative(resolve(projectDir), dir)
  return fileSpec(path.startsWith('.') ? path : `./${path}`)
}
