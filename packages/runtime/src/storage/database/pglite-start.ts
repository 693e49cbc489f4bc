import { existsSync, readFileSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { PGlite, type PGliteOptions } from '@electric-sql/pglite'

// Starting PGlite costs seconds: compiling its WebAssembly, then `initdb` writing a new cluster. Both are
// done once: the compiled module and the file bundle are shared by every database this process opens, and
// a new database starts from a copy of a freshly initialised cluster (PGlite's `loadDataDir`), made on
// first use and kept in `node_modules/.cache/parley-pglite/` for the next processes.

const require = createRequire(import.meta.url)
const distDir = dirname(require.resolve('@electric-sql/pglite'))
// The package's `exports` hide its package.json; the file is there all the same, above `dist`.
const { version } = JSON.parse(readFileSync(join(distDir, '..', 'package.json'), 'utf8')) as { version: string }

type Assets = Required<Pick<PGliteOptions, 'wasmModule' | 'fsBundle'>>

// The compiler's lib has no DOM, where WebAssembly's types live; Node has the global all the same.
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<Assets['wasmModule']> } }).WebAssembly

let assets: Promise<Assets> | undefined
let blankCluster: Promise<Blob | undefined> | undefined

/** PGlite's options for a database in `dataDir` (in memory when absent), starting from the shared assets. */
export async function pgliteOptions(dataDir: string | undefined): Promise<PGliteOptions> {
  const shared = await (assets ??= loadAssets())
  const isNew = dataDir === undefined || !existsSync(join(dataDir, 'PG_VERSION'))
  const cluster = isNew ? await (blankCluster ??= loadBlankCluster(shared)) : undefined
  return { ...shared, ...(dataDir === undefined ? {} : { dataDir }), ...(cluster ? { loadDataDir: cluster } : {}) }
}

async function loadAssets(): Promise<Assets> {
  const [code, data] = await Promise.all([readFile(join(distDir, 'pglite.wasm')), readFile(join(distDir, 'pglite.data'))])
  return { wasmModule: await wasm.compile(code), fsBundle: new Blob([data]) }
}

/** The files of a new, empty cluster: read from the cache, or made now and cached. Undefined if neither works. */
async function loadBlankCluster(shared: Assets): Promise<Blob | undefined> {
  const dir = cacheDir()
  const file = dir === undefined ? undefined : join(dir, `pglite-${version}-blank.tar`)
  const cached = file === undefined ? undefined : await readFile(file).catch(() => undefined)
  if (cached) return new Blob([cached])
  try {
    const pglite = await PGlite.create(shared)
    const cluster = await pglite.dumpDataDir('none')
    await pglite.close()
    if (file !== undefined) await store(file, cluster)
    return cluster
  } catch {
    return undefined // PGlite then runs initdb itself, as it would without this cache
  }
}

/** Written under another name and renamed, so a process reading the cache never sees half a file. */
async function store(file: string, cluster: Blob): Promise<void> {
  const partial = `${file}.${process.pid}.partial`
  try {
    await mkdir(dirname(file), { recursive: true })
    await writeFile(partial, Buffer.from(await cluster.arrayBuffer()))
    await rename(partial, file)
  } catch {
    // A read-only install keeps working, only without the cache.
  }
}

/** `node_modules/.cache/parley-pglite`, beside the PGlite this runtime uses (none outside `node_modules`). */
function cacheDir(): string | undefined {
  const at = distDir.lastIndexOf('node_modules')
  return at < 0 ? undefined : join(distDir.slice(0, at + 'node_modules'.length), '.cache', 'parley-pglite')
}
