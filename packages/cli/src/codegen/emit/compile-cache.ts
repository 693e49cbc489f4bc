import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/**
 * Declarations compiled from schemas, kept between runs in `node_modules/.cache/parley/`:
 * json-schema-to-typescript is the slowest step of generation, and from one run to the next most
 * schemas have not changed. Entries are keyed by everything the output depends on, so a hit gives
 * exactly what compiling would; each save keeps only the entries the run used.
 */
export interface CompileCache {
  get(key: string): string | undefined
  set(key: string, declaration: string): void
  save(): void
}

/** `PARLEY_CODEGEN_CACHE=0` compiles every schema, as a fresh CI checkout would. */
const disabled = () => process.env.PARLEY_CODEGEN_CACHE === '0'

export function cacheKey(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('base64url')
}

export function openCompileCache(projectDir: string): CompileCache {
  const file = disabled() ? undefined : cacheFile(projectDir)
  const stored = file ? readEntries(file) : {}
  const used: Record<string, string> = {}
  return {
    get(key) {
      const hit = stored[key]
      if (hit !== undefined) used[key] = hit
      return hit
    },
    set(key, declaration) {
      used[key] = declaration
    },
    save() {
      if (file) writeEntries(file, used)
    },
  }
}

/** One file per project, in the nearest `node_modules` (a monorepo's root one is shared by its projects). */
function cacheFile(projectDir: string): string | undefined {
  for (let dir = resolve(projectDir); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'parley', `codegen-${cacheKey(resolve(projectDir)).slice(0, 16)}.json`)
    if (dirname(dir) === dir) return undefined
  }
}

/** A missing or unreadable cache is an empty one: it only ever saves time. */
function readEntries(file: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>
  } catch {
    return {}
  }
}

/** Written aside and renamed, so a concurrent run never reads half a file. */
function writeEntries(file: string, entries: Record<string, string>): void {
  try {
    mkdirSync(dirname(file), { recursive: true })
    const temporary = `${file}.${process.pid}.tmp`
    writeFileSync(temporary, JSON.stringify(entries))
    renameSync(temporary, file)
  } catch {
    // A read-only node_modules only costs the next run some time.
  }
}
