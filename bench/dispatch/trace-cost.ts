import { setImmediate as nextTurn } from 'node:timers/promises'
import { openDatabase } from '@parley/runtime'
import { parleyTarget, type Target } from './targets.js'

// A/B of traces on PGlite at concurrency 1, by this process's CPU time (PGlite runs in it), steadier than
// wall time on a loaded machine: traces written (a batch is written when 128 wait), recorded but never
// written (a batch that never fills and a timer that never fires: what recording alone costs), and off.
//
// The targets take turns every few messages, so the machine's other work, which comes and goes within a
// second, weighs on all three alike. The written target's batches are written when full, not after a
// delay: a timer would fire in another target's slot and its cost be counted there. Each slot ends once
// what its messages set going (a batch's INSERT) has run.
const rounds = Number(process.argv[2] ?? 6)
const per = Number(process.argv[3] ?? 200)
const SLOT = 8
const targets: Record<string, Target> = {
  on: await parleyTarget('PGlite', await openDatabase({}), { traceBatch: { maxRows: 128, delayMs: 1e9 } }),
  recorded: await parleyTarget('PGlite', await openDatabase({}), { traceBatch: { maxRows: 1e9, delayMs: 1e9 } }),
  off: await parleyTarget('PGlite', await openDatabase({}), { traces: false }),
}
const names = Object.keys(targets)

/** CPU microseconds of `count` messages sent to `target`, from message `first`. */
async function slot(target: Target, first: number, count: number): Promise<number> {
  const started = process.cpuUsage()
  for (let i = first; i < first + count; i++) await target.send(i)
  await nextTurn()
  const used = process.cpuUsage(started)
  return used.user + used.system
}

/** Messages per CPU second of each target over one round, the targets' slots rotating. */
async function round(): Promise<Record<string, number>> {
  const spent: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]))
  for (let first = 0, turn = 0; first < per; first += SLOT, turn++) {
    const count = Math.min(SLOT, per - first)
    for (let k = 0; k < names.length; k++) {
      const name = names[(turn + k) % names.length]!
      spent[name]! += await slot(targets[name]!, first, count)
    }
  }
  return Object.fromEntries(names.map((name) => [name, per / (spent[name]! / 1e6)]))
}

await round()
const results: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]))
for (let r = 0; r < rounds; r++) {
  const figures = await round()
  for (const name of names) results[name]!.push(figures[name]!)
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const [on, recorded, off] = [median(results['on']!), median(results['recorded']!), median(results['off']!)]
const cost = (value: number) => `${((1 - value / off) * 100).toFixed(1)} %`
// A round's targets ran side by side, so a round's own ratio is steadier than the ratio of medians.
const paired = (name: string) => `${((1 - median(results[name]!.map((value, r) => value / results['off']![r]!))) * 100).toFixed(1)} %`
console.log(`on ${on.toFixed(0)} msg/s, recorded only ${recorded.toFixed(0)}, off ${off.toFixed(0)}; cost ${cost(on)} (recording alone ${cost(recorded)})`)
console.log(`median of each round's cost: ${paired('on')} (recording alone ${paired('recorded')})`)
console.log(JSON.stringify(results))
for (const target of Object.values(targets)) await target.close()
