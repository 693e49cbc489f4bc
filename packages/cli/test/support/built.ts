import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { REPO_ROOT } from './paths.js'

/** Packages the tests' own projects import beyond the CLI's and its templates' dependencies. */
const IMPORTED_BY_TESTS = ['@parley/integration-telegram']

/**
 * Whether the tests run `parley` as built, and point the projects they make at the built packages,
 * rather than at the TypeScript sources.
 *
 * A built CLI starts without compiling itself through tsx, and a project type-checked against the
 * packages' declaration files parses far less than one reaching their sources: a `parley check` of a
 * new bot takes about a fifth less CPU (README). It is also what a user runs. But a test must never run
 * a stale build: the builds are used only when the CLI and every Parley package it, its templates or
 * the tests' projects depend on have a compiled file at least as new as each of their source files.
 * Turbo builds them before these tests (`@parley/cli#test` in turbo.json depends on those builds); a
 * developer running vitest right after editing a source gets the sources, as before, only slower.
 */
export const BUILT: boolean = process.env['PARLEY_TEST_SOURCES'] !== '1' && packagesUnderTest().every(isBuiltFresh)

/** The export conditions a test project (its tsconfig and vitest config) and a child process use. */
export const CONDITIONS: readonly string[] = BUILT ? [] : ['parley:source']

interface PackageJson {
  readonly name?: string
  readonly dependencies?: Record<string, string>
  readonly devDependencies?: Record<string, string>
}

/**
 * `@parley/cli` and the workspace packages it, a project made from one of its templates (the llm-bot
 * template adds `@parley/integration-openai`) or a test's project depends on, directly or not, as
 * directories.
 */
function packagesUnderTest(): string[] {
  const directories = new Map(workspacePackages().map((dir) => [readJson<PackageJson>(join(dir, 'package.json')).name, dir]))
  const found = new Set<string>()
  const visit = (name: string) => {
    const dir = directories.get(name)
    if (dir === undefined || found.has(dir)) return
    found.add(dir)
    Object.keys(readJson<PackageJson>(join(dir, 'package.json')).dependencies ?? {}).forEach(visit)
  }
  visit('@parley/cli')
  templatePackageJsons().forEach((json) => Object.keys({ ...json.dependencies, ...json.devDependencies }).forEach(visit))
  IMPORTED_BY_TESTS.forEach(visit)
  return [...found]
}

function workspacePackages(): string[] {
  const workspaces = readJson<{ workspaces: string[] }>(join(REPO_ROOT, 'package.json')).workspaces
  return workspaces.filter((pattern) => pattern.endsWith('/*')).flatMap((pattern) => subdirectories(join(REPO_ROOT, pattern.slice(0, -2))))
    .filter((dir) => existsSync(join(dir, 'package.json')))
}

function templatePackageJsons(): PackageJson[] {
  const templates = join(REPO_ROOT, 'packages', 'cli', 'templates')
  return subdirectories(templates).flatMap(subdirectories).map((dir) => join(dir, 'package.json')).filter(existsSync).map((path) => readJson<PackageJson>(path))
}

function subdirectories(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => join(dir, entry.name))
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T
}

/**
 * Every source file the package's build compiles (its tsconfig.build.json's `include`, tests left out as
 * there) has its `.js` in dist/, no older. A package without that build is used from its sources anyway.
 */
function isBuiltFresh(dir: string): boolean {
  const configPath = join(dir, 'tsconfig.build.json')
  if (!existsSync(configPath)) return true
  const config = readJson<{ compilerOptions: { rootDir: string }; include: string[] }>(configPath)
  const rootDir = join(dir, config.compilerOptions.rootDir)
  return config.include.flatMap((pattern) => sourceFiles(dir, pattern)).every((source) => {
    const built = join(dir, 'dist', relative(rootDir, source).replace(/\.ts$/, '.js'))
    return existsSync(built) && statSync(built).mtimeMs >= statSync(source).mtimeMs
  })
}

/** The files an `include` entry names: a folder (all its files, recursively), a file, or `*.suffix` in the package's folder. */
function sourceFiles(dir: string, pattern: string): string[] {
  const compiled = (name: string) => name.endsWith('.ts') && !/\.(test|test-d|d)\.ts$/.test(name)
  if (pattern.startsWith('*')) return readdirSync(dir).filter((name) => compiled(name) && name.endsWith(pattern.slice(1))).map((name) => join(dir, name))
  const path = join(dir, pattern)
  if (!existsSync(path)) return []
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && compiled(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
}
