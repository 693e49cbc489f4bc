import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { run, userEnv } from './support/processes.js'
import { publishedWorkspaces, readJson, REPO_ROOT, rootPackage, workspaces, type PackageJson, type Workspace } from './support/workspaces.js'

// The conventions every published package follows, checked on the packages as `npm pack` makes them
// (so after `npm run build`): a package added later is held to them by the same tests.

const published = publishedWorkspaces()
const names = published.map((w) => [w.json.name, w] as const)

/** What `npm pack` puts in each package's tarball, by package name. */
let tarballs: Map<string, string[]>

beforeAll(async () => {
  const result = await run('npm', ['pack', '--dry-run', '--json', '--workspaces', '--ignore-scripts'], { cwd: REPO_ROOT, env: userEnv() })
  expect(result.code, result.output).toBe(0)
  const packed = JSON.parse(result.output.slice(result.output.indexOf('['))) as { name: string; files: { path: string }[] }[]
  tarballs = new Map(packed.map((p) => [p.name, p.files.map((f) => f.path)]))
})

describe('published packages', () => {
  it('include the SDK, interfaces, runtime, CLI and create-parley', () => {
    expect(published.map((w) => w.json.name)).toEqual(expect.arrayContaining(['@parley/sdk', '@parley/interfaces', '@parley/runtime', '@parley/cli', 'create-parley']))
  })

  it.each(names)('%s says what it is, under which licence, for which Node.js, and publishes publicly', (_, { dir, json }) => {
    expect(json.description, 'a "description" for the registry').toMatch(/\w{3}/)
    expect(json.license).toBe('MIT')
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8'), 'a LICENSE file, the same as the repository\'s').toBe(readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8'))
    expect(json.type).toBe('module')
    expect(json.engines?.node, 'the same "engines" as the repository').toBe(rootPackage().engines?.node)
    expect(json.publishConfig?.access).toBe('public')
  })

  it.each(names)('%s has a README that starts with its name', (name, { dir }) => {
    expect(readFileSync(join(dir, 'README.md'), 'utf8').split('\n')[0]).toBe(`# ${name}`)
  })

  it.each(names)('%s lists its files, and exports its entry points or a command', (_, { json }) => {
    expect(json.files?.length, 'a "files" list').toBeGreaterThan(0)
    expect(json.exports ?? json.bin, '"exports" (or, for a command only, "bin")').toBeDefined()
  })

  it.each(names)('%s ships its README, LICENSE, build and commands, and no tests', (name, { json }) => {
    const files = tarballs.get(name)!
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', ...Object.values(json.bin ?? {}).map(normalize)]))
    if (json.scripts?.['build']) expect(files.some((f) => f.startsWith('dist/')), 'its build (dist/)').toBe(true)
    // The CLI's templates hold the tests of the projects it creates; those ship.
    const own = files.filter((f) => !f.startsWith('templates/'))
    expect(own.filter((f) => /\.test(-d)?\.ts$|(^|\/)\.test-results\/|(^|\/)node_modules\//.test(f))).toEqual([])
  })

  it.each(names)('%s: every exports target, under every condition, is in the tarball', (name, { json }) => {
    const files = new Set(tarballs.get(name))
    const missing = exportTargets(json).filter((target) => !matchesAny(target, files))
    expect(missing, 'exports entries pointing at files the tarball lacks').toEqual([])
  })

  it.each(names)('%s: the source condition comes first, then types, then default', (_, { json }) => {
    for (const [subpath, conditions] of Object.entries(json.exports ?? {})) {
      if (typeof conditions === 'string') continue
      const keys = Object.keys(conditions as object)
      const expected = ['parley:source', 'types', 'default'].filter((key) => keys.includes(key))
      expect(keys, `exports["${subpath}"]`).toEqual(expected)
      expect(keys, `exports["${subpath}"]: consumers without the source condition need types and default`).toEqual(expect.arrayContaining(['types', 'default']))
    }
  })

  // publint reads the files `npm pack` listed above, as the tarball holds them: left to pack by itself,
  // it would start npm once more for each package (about 2.5 CPU-s each) to list the same files.
  it.each(names)('%s passes publint', async (name, { dir }) => {
    const files = tarballs.get(name)!.map((path) => ({ name: join(dir, path), data: readFileSync(join(dir, path)) }))
    const { messages, pkg } = await publint({ pkgDir: dir, pack: { files }, strict: true, level: 'warning' })
    const problems = messages.map((m) => formatMessage(m, pkg, { color: false }) ?? m.code)
      // The CLI's templates hold package.json files for the projects it creates, not for itself.
      .filter((text) => !text.includes('./templates/'))
    expect(problems).toEqual([])
  })

  it.each(names)('%s is released with the others, under one version', (name, { json }) => {
    const fixed = readJson<{ fixed: string[][] }>(join(REPO_ROOT, '.changeset', 'config.json')).fixed
    expect(fixed).toHaveLength(1)
    expect(fixed[0]!.some((pattern) => new RegExp(`^${pattern.replace('*', '.*')}$`).test(name)), `${name} in .changeset/config.json "fixed"`).toBe(true)
    expect(json.version).toBe(readJson<PackageJson>(join(REPO_ROOT, 'packages', 'sdk', 'package.json')).version)
  })

  it.each(names)('%s is built before the release tests run (a devDependency of @parley/e2e)', (name) => {
    expect(readJson<PackageJson>(join(REPO_ROOT, 'test', 'package.json')).devDependencies).toHaveProperty([name])
  })
})

describe('dependencies of every workspace', () => {
  // A root devDependency: `npm run check:packages` runs the same two passes.
  const knip = join(REPO_ROOT, 'node_modules', 'knip', 'bin', 'knip.js')

  it('match their imports: nothing declared goes unused, nothing imported goes undeclared', async () => {
    const result = await run(process.execPath, [knip, '--no-progress', '--no-config-hints'], { cwd: REPO_ROOT, env: userEnv() })
    expect(result.code, result.output).toBe(0)
  })

  it('of shipped code are in "dependencies", not only in devDependencies or a sibling\'s', async () => {
    const result = await run(process.execPath, [knip, '--production', '--strict', '--no-progress', '--no-config-hints'], { cwd: REPO_ROOT, env: userEnv() })
    expect(result.code, result.output).toBe(0)
  })

  it('on sibling workspaces name their exact version', () => {
    const versions = new Map(workspaces().map((w) => [w.json.name, w.json.version]))
    const wrong = workspaces().flatMap((w: Workspace) => Object.entries({ ...w.json.dependencies, ...w.json.devDependencies })
      .filter(([name, range]) => versions.has(name) && range !== versions.get(name))
      .map(([name, range]) => `${w.path}: ${name}@${range}, not ${versions.get(name)}`))
    expect(wrong).toEqual([])
  })
})

describe('package-lock.json', () => {
  it('lists every optional dependency of every package, for every platform, so npm ci installs from it anywhere', () => {
    // A lockfile written from an existing node_modules keeps only this platform's optional packages
    // (rollup's, turbo's); npm ci then refuses it on a clean clone.
    const { packages } = readJson<{ packages: Record<string, { optionalDependencies?: Record<string, string> }> }>(join(REPO_ROOT, 'package-lock.json'))
    const present = new Set(Object.keys(packages).map((path) => path.replace(/^.*node_modules\//, '')))
    const missing = Object.entries(packages).flatMap(([path, entry]) =>
      Object.keys(entry.optionalDependencies ?? {}).filter((name) => !present.has(name)).map((name) => `${path} -> ${name}`))
    expect(missing).toEqual([])
  })
})

describe('the CLI\'s templates', () => {
  const templates = join(REPO_ROOT, 'packages', 'cli', 'templates')
  const projects = ['bot', 'plugin', 'integration', 'interface'].flatMap((kind) =>
    readdirSync(join(templates, kind)).map((name) => [`${kind}/${name}`, kind] as const))

  it.each(projects)('%s declares every package its files import', (template, kind) => {
    // The project as `parley init` writes it: shared files, the package layer for packages, then its own.
    const layers = ['shared', ...(kind === 'bot' ? [] : ['package']), template].map((layer) => join(templates, layer))
    const json = readJson<PackageJson>(layers.map((l) => join(l, 'package.json')).filter(existsSync).pop()!)
    const declared = new Set(Object.keys({ ...json.dependencies, ...json.devDependencies }))
    const imported = new Set(layers.flatMap((layer) => sourceFiles(layer)).flatMap((file) => importedPackages(readFileSync(file, 'utf8'))))
    expect([...imported].filter((name) => !declared.has(name))).toEqual([])
  })
})

/** `.ts` files below `dir`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name))
}

/** The packages a module imports: bare specifiers, cut to the package name, without node: builtins. */
function importedPackages(source: string): string[] {
  const specifiers = [...source.matchAll(/(?:from|import)\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!)
  return specifiers.filter((s) => !s.startsWith('.') && !s.startsWith('node:'))
    .map((s) => s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/'))
}

/** Every file path an `exports` map names, under every condition, `*` patterns included. */
function exportTargets(json: PackageJson): string[] {
  const targets: string[] = []
  const visit = (value: unknown): void => {
    if (typeof value === 'string') targets.push(normalize(value))
    else if (value && typeof value === 'object') Object.values(value).forEach(visit)
  }
  visit(json.exports)
  return targets
}

/** A target with `*` matches when the tarball has at least one file for it. */
function matchesAny(target: string, files: ReadonlySet<string>): boolean {
  if (!target.includes('*')) return files.has(target)
  const pattern = new RegExp(`^${target.split('*').map(escape).join('[^/]+')}$`)
  return [...files].some((file) => pattern.test(file))
}

const normalize = (path: string): string => path.replace(/^\.\//, '')
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
