import { readFileSync } from 'node:fs'

/** How often the processes above this one are looked at: cheap (a few small reads of /proc). */
const INTERVAL_MS = 1000

/**
 * Calls `onOrphaned` once when a process that started this one is gone, so that a server never
 * outlives whoever ran it. Killing `npx parley start` (even with SIGKILL, which nothing can forward)
 * leaves `sh -c parley` behind, and that shell waits for parley forever: watching the direct parent is
 * not enough, so the whole chain of ancestors is compared with what it was at start. A process whose
 * parent is init from the start (a service manager, a container's entry point, `setsid -f`) has no
 * one to outlive and is not watched. Returns a function that stops watching.
 */
export function watchParents(onOrphaned: () => void): () => void {
  const initial = ancestry()
  if (initial.length === 0) return () => {}
  const timer = setInterval(() => {
    if (ancestry().join() === initial.join()) return
    clearInterval(timer)
    onOrphaned()
  }, INTERVAL_MS)
  timer.unref()
  return () => clearInterval(timer)
}

/**
 * The ancestors below init, nearest first, each as `pid@start time` (a pid may be reused). Where
 * /proc is missing (macOS), the parent alone: `process.ppid` is read afresh on each access.
 */
function ancestry(): string[] {
  if (!readStat(process.pid)) return process.ppid > 1 ? [String(process.ppid)] : []
  const chain: string[] = []
  for (let stat = readStat(process.ppid); stat && stat.pid > 1; stat = readStat(stat.ppid)) {
    chain.push(`${stat.pid}@${stat.startTime}`)
  }
  return chain
}

interface ProcessStat {
  readonly pid: number
  readonly ppid: number
  readonly startTime: string
}

/** Fields of `/proc/<pid>/stat` (see proc(5)); the command name may hold spaces and parentheses. */
function readStat(pid: number): ProcessStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
    return { pid, ppid: Number(fields[1]), startTime: fields[19] ?? '' }
  } catch {
    return undefined
  }
}
