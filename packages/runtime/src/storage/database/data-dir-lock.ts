import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { resolve } from 'node:path'
import { StorageError } from '../errors/storage-error.js'

// PGlite is one PostgreSQL backend writing its files with no lock of its own: two processes opening the same
// directory would both write and corrupt it. So the directory gets a lock file beside it, `<dir>.lock`,
// naming the process that holds it. A file with the holder's pid is used rather than a lock that expires
// after a while without updates (proper-lockfile's way): after a SIGKILL the next start can tell at once that
// the holder is gone, instead of failing until the lock goes stale, and the error can name the holder.
// Node has no flock(2), and a native addon for it would not run everywhere the CLI runs.

/** What a lock file holds: enough to find the process and tell it apart. */
interface Holder {
  readonly pid: number
  readonly host: string
  readonly command: string
  readonly since: string
}

/** Locks held by this process, so a second open here is refused while a lock left by an earlier process with our pid is not. */
const held = new Set<string>()

/** Takes the lock on the embedded database in `dataDir`; the function returned releases it. */
export function lockDataDir(dataDir: string): () => void {
  const file = `${resolve(dataDir)}.lock`
  const me: Holder = { pid: process.pid, host: hostname(), command: process.argv.slice(1).join(' '), since: new Date().toISOString() }
  // A stale lock is removed, then taken with an exclusive create; a process that raced us to it wins and is reported.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (create(file, me)) {
      held.add(file)
      return () => release(file)
    }
    const holder = readHolder(file)
    if (holder && isAlive(holder, file)) throw inUse(dataDir, file, holder)
    rmSync(file, { force: true })
  }
  throw inUse(dataDir, file, readHolder(file))
}

function create(file: string, holder: Holder): boolean {
  try {
    writeFileSync(file, `${JSON.stringify(holder)}\n`, { flag: 'wx' })
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

function release(file: string): void {
  if (!held.delete(file)) return
  rmSync(file, { force: true })
}

/** The holder named in the file; undefined when it is gone or unreadable (a crash while writing it), which counts as stale. */
function readHolder(file: string): Holder | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder> | null
    return value && Number.isSafeInteger(value.pid) && typeof value.host === 'string'
      ? { pid: value.pid!, host: value.host, command: String(value.command ?? ''), since: String(value.since ?? '') }
      : undefined
  } catch {
    return undefined
  }
}

function isAlive(holder: Holder, file: string): boolean {
  // On another machine (a shared volume) there is no telling: it counts as alive.
  if (holder.host !== hostname()) return true
  // Our own pid: a lock of ours, or one left by an earlier process given the same pid (a container's pid 1).
  if (holder.pid === process.pid) return held.has(file)
  try {
    process.kill(holder.pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists and belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function inUse(dataDir: string, file: string, holder: Holder | undefined): StorageError {
  const who = holder ? `process ${holder.pid} on ${holder.host}${holder.command ? ` (${holder.command})` : ''}, since ${holder.since}` : 'another process'
  return new StorageError('DATABASE_IN_USE', `the embedded database in ${dataDir} is in use by ${who}; stop that process, or give this one another data directory. If no such process runs, delete ${file}`)
}
