import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

/** The fields of a package.json these tests read. */
export interface PackageJson {
  readonly name: string
  readonly version: string
  readonly private?: boolean
  readonly description?: string
  readonly license?: string
  readonly type?: string
  readonly engines?: { readonly node?: string }
  readonly files?: readonly string[]
  readonly exports?: Readonly<Record<string, unknown>>
  readonly bin?: Readonly<Record<string, string>>
  readonly publishConfig?: { readonly access?: string }
  readonly scripts?: Readonly<Record<string, string>>
  readonly workspaces?: readonly string[]
  readonly dependencies?: Readonly<Record<string, string>>
  readonly devDependencies?: Readonly<Record<string, string>>
}

export interface Workspace {
  readonly dir: string
  /** Relative to the repository, with `/`. */
  readonly path: string
  readonly json: PackageJson
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T
}

export const rootPackage = (): PackageJson => readJson(join(REPO_ROOT, 'package.json'))

/** Every workspace of the repository, as the root package.json's `workspaces` (`dir` or `dir/*`) lists them. */
export function workspaces(): Workspace[] {
  const dirs = (rootPackage().workspaces ?? []).flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [join(REPO_ROOT, pattern)]
    const parent = join(REPO_ROOT, pattern.slice(0, -2))
    return existsSync(parent) ? readdirSync(parent).sort().map((name) => join(parent, name)) : []
  })
  return dirs.filter((dir) => existsSync(join(dir, 'package.json'))).map((dir) => ({
    dir, path: relative(REPO_ROOT, dir).split('\\').join('/'), json: readJson<PackageJson>(join(dir, 'package.json')),
  }))
}

/** The workspaces that are published: every one not marked private. */
export const publishedWorkspaces = (): Workspace[] => workspaces().filter((w) => w.json.private !== true)
