import { execFile } from 'node:child_process'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

// What traces cost a message on PGlite at concurrency 1, by CPU time per message: the runtime with traces
// (written in batches, as it runs by default) against it without them, each run in a process of its own
// (`cpu.ts`), taking turns, the order rotating every round. A third run, off again, is measured against
// off like the first: the spread between two identical runs, the bench's own noise.
//
// Separate processes, not runtimes taking turns in one: in one process the garbage one runtime leaves is
// collected in another's turn, and four PGlite heaps share its caches, so a runtime's cost there is partly
// its neighbours' (that design once measured recording traces at 5–9 % while its parts, timed apart,
// added up to 1–2 %). A process measures only what it does; what moves between processes (where the heap
// lands, the machine's other work) is what the runs of off against off show.
const rounds = Number(process.argv[2] ?? 7)
const messages = Number(process.argv[3] ?? 3000)
const cpuBench = fileURLToPath(new URL('./cpu.ts', import.meta.url))
const RUNS = { on: ['--traces', 'on'], off: ['--traces', 'off'], again: ['--traces', 'off'] } as const
type Run = keyof typeof RUNS

/** CPU microseconds per message of one run of `cpu.ts`, in a fresh process. */
async function measure(run: Run): Promise<number> {
  const args = ['--import', 'tsx', cpuBench, '--messages', String(messages), ...RUNS[run]]
  const { stdout } = await promisify(execFile)(process.execPath, args)
  const found = /CPU per message: (\d+) µs in Node/.exec(stdout)
  if (!found) throw new Error(`cpu.ts printed no CPU figure:\n${stdout}`)
  return Number(found[1])
}

const names = Object.keys(RUNS) as Run[]
const results: Record<Run, number[]> = { on: [], off: [], again: [] }
const loadBefore = loadavg()[0]!.toFixed(1)
for (let r = 0; r < rounds; r++) {
  for (let k = 0; k < names.length; k++) {
    const run = names[(r + k) % names.length]!
    results[run].push(await measure(run))
  }
}
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const percent = (ratio: number) => `${((ratio - 1) * 100).toFixed(1)} %`
// A round's runs ran one after the other, so a round's own ratio is steadier than the ratio of medians.
const paired = (run: Run) => percent(median(results[run].map((value, r) => value / results.off[r]!)))
console.log(`CPU per message (median of ${rounds} processes each, ${messages} messages): traces on ${median(results.on)} µs, off ${median(results.off)} µs, off again ${median(results.again)} µs (load average ${loadBefore} → ${loadavg()[0]!.toFixed(1)})`)
console.log(`cost of traces, median of each round's ratio: ${paired('on')}; off again against off (noise): ${paired('again')}`)
console.log(JSON.stringify(results))
