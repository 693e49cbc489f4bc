import { loadavg } from 'node:os'
import { PerformanceObserver } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { PGlite } from '@electric-sql/pglite'
import { openDatabase } from '@parley/runtime'
import { runLoad } from '../http/load.js'
import { replaying } from './replay.js'
import { interleave, medians, side, type Sides } from './sides.js'
import { parleyTarget, sameStatementsTarget, type Target } from './targets.js'

// A message on the embedded database at concurrency 1, whole and in its two parts, in one process: the
// runtime (`whole`), its JavaScript alone with the database's answers replayed (`js`, `replay.ts`), and
// its two statements sent as it sends them with no runtime around them (`sql`, `sameStatementsTarget`
// with `alone`). If the parts were independent, the whole would cost their sum; what it costs beyond
// that is work neither part does alone (the collector's, PGlite's under the runtime's heap…).
//
// Runtimes of a part take turns with the others' in phases, as in `trace-cost.ts`: identical runtimes on
// separate embedded databases can run tens of per cent apart for a whole run here, so each part is the
// sum of `--runtimes` of them, and every phase ends with its traces written. The collector runs when it
// would, as in a process serving messages: its collections fall on the phase that fills the heap, mostly
// the one whose garbage they collect. `--collect on` ends every phase with two full collections instead,
// charged to it (as `trace-cost.ts` does): each part then also pays for marking everything every part
// keeps, the same for all, which the sum of two parts counts twice; the line it prints says how much.
const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '10' }, phase: { type: 'string', default: '384' }, runtimes: { type: 'string', default: '2' }, collect: { type: 'string', default: 'off' } } })
const [rounds, phase, perPart] = [Number(args.rounds), Number(args.phase), Number(args.runtimes)]

setFlagsFromString('--expose-gc')
const collect = runInNewContext('gc') as () => void

const PARTS = {
  whole: async () => parleyTarget('PGlite', await openDatabase({})),
  js: async () => {
    const replay = replaying(await openDatabase({}))
    const target = await parleyTarget('PGlite, replayed', replay.db)
    await runLoad(target.send, phase, 1) // what the replay answers is recorded here
    replay.replay()
    return target
  },
  sql: async () => sameStatementsTarget('PGlite', await openDatabase({}), { alone: true }),
} satisfies Record<string, () => Promise<Target>>

const cpuSince = (started: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(started)
  return (used.user + used.system) / phase
}

/** CPU µs per message of each phase's two forced collections (`--collect on`). */
const forced: number[] = []

// The collector's pauses on this thread, in ms, as V8 reports them; each phase's share is kept by part.
let paused = 0
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) paused += entry.duration
}).observe({ entryTypes: ['gc'] })
const pauses = new Map<string, number[]>()

// Time inside PGlite for each of a turn's statements, by the part running: its synchronous call (the
// WebAssembly, the file system under it, the answer read), which nothing else can interleave with. The
// prototype is wrapped here, in the bench alone, to see the same statements alone and under the runtime.
const inside = new Map<string, { calls: number; us: number }>()
let running = ''
const prototype = PGlite.prototype as unknown as { execProtocolRawSync(message: Uint8Array): Uint8Array }
const execute = prototype.execProtocolRawSync
prototype.execProtocolRawSync = function (this: PGlite, message: Uint8Array) {
  const statement = /parley_turn_[a-z]+/.exec(Buffer.from(message.subarray(0, 64)).toString('latin1'))?.[0]
  const started = process.hrtime.bigint()
  try {
    return execute.call(this, message)
  } finally {
    if (statement && running) {
      const key = `${running} ${statement}`
      const seen = inside.get(key) ?? { calls: 0, us: 0 }
      inside.set(key, { calls: seen.calls + 1, us: seen.us + Number(process.hrtime.bigint() - started) / 1000 })
    }
  }
}

/** CPU µs per message of one phase of the runtime `name` (`<part> <n>`). */
async function measure(name: string): Promise<number> {
  const run = runners.get(name)!
  const part = name.split(' ')[0]!
  running = part
  const started = process.cpuUsage()
  const pausedBefore = paused
  await runLoad(run.send, phase, 1)
  await run.settle?.()
  // The observer is told after the pause, on a later turn of the event loop.
  await new Promise((resolve) => setImmediate(resolve))
  running = ''
  pauses.set(part, [...(pauses.get(part) ?? []), ((paused - pausedBefore) * 1000) / phase])
  if (args.collect === 'on') {
    const collecting = process.cpuUsage()
    collect()
    collect()
    forced.push(cpuSince(collecting))
  }
  return cpuSince(started)
}

const names = Array.from({ length: perPart }, (_, index) => Object.keys(PARTS).map((part) => `${part} ${index + 1}`)).flat()
const runners = new Map<string, Target>()
for (const name of names) runners.set(name, await PARTS[name.split(' ')[0] as keyof typeof PARTS]())
for (const name of names) await measure(name) // warm-up: JIT, caches
const loadBefore = loadavg()[0]!.toFixed(1)
pauses.clear()
inside.clear()
const sides = await interleave(names, rounds, measure)
for (const run of runners.values()) await run.close()

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
/** A part's CPU per message: each round's sum over its runtimes, per runtime. */
const part = (s: Sides, name: string) => side(s, name).map((total) => total / perPart)
const [whole, js, sql] = [part(sides, 'whole'), part(sides, 'js'), part(sides, 'sql')]
// With forced collections every part's figure holds one phase's worth of them; the sum of two parts, two.
const counted = forced.length > 0 ? median(forced) : 0
const beyond = whole.map((value, r) => value - js[r]! - sql[r]! + counted)

console.log(`CPU per message at c=1, median of ${rounds} phases of ${phase} (load average ${loadBefore} → ${loadavg()[0]!.toFixed(1)}): ${medians(sides)}`)
if (counted > 0) console.log(`the forced collections: ${counted.toFixed(0)} µs a message of every phase, counted once in the sum below`)
console.log(`whole ${median(whole).toFixed(0)} µs; its JavaScript replayed ${median(js).toFixed(0)} µs; its two statements alone ${median(sql).toFixed(0)} µs`)
console.log(`the collector's pauses during a phase, before any forced collection: ${Object.keys(PARTS).map((name) => `${name} ${median(pauses.get(name)!).toFixed(0)} µs`).join(', ')} a message`)
const within = (part: string, statement: string) => { const seen = inside.get(`${part} parley_turn_${statement}`); return seen ? (seen.us / seen.calls).toFixed(0) : '–' }
console.log(`inside PGlite, µs a call (load, commit): the whole ${within('whole', 'load')}, ${within('whole', 'commit')}; the statements alone ${within('sql', 'load')}, ${within('sql', 'commit')}`)
console.log(`the whole beyond the sum of its parts: ${median(beyond).toFixed(0)} µs a message (median of rounds), ${((median(beyond.map((b, r) => b / whole[r]!))) * 100).toFixed(1)} % of the whole`)
