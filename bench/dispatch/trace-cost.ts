import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { openDatabase } from '@parley/runtime'
import { runLoad } from '../http/load.js'
import { compare, interleave, medians, noise, side } from './sides.js'
import { parleyTarget, type Target } from './targets.js'

// What traces cost a message on PGlite at concurrency 1, by CPU time per message: runtimes with traces
// (written in batches, as by default) against runtimes without, in one process, taking turns in phases.
//
// - Several runtimes of each kind (`--runtimes`, 4 by default), each on its own embedded database: one
//   PGlite instance can be 4–8 % faster or slower than another for the whole run (where its memory landed),
//   so a side is the sum of its runtimes, and one half of a side measured against the other is the bench's
//   own noise, which a cost must stand above.
// - A phase is a whole number of batches (384 messages, three pages of 128), then a read that writes what
//   waits, then two full garbage collections, all charged to the phase: what a runtime leaves behind is
//   collected and swept in its own phase, not in its neighbour's (the flaw of runtimes taking turns every
//   few messages, which once charged traces 5–9 % while their parts added up to under 2 %).
// - Before each phase, unmeasured, a few messages of the same runtime (`--settle`, 64): a measured phase
//   never follows the other side's work directly, so the order of a round cannot favour either side.
// - One process: separate processes of one build differed by up to ±35 % here (heap placement, what the
//   machine ran meanwhile); runtimes taking turns within seconds in one process share those conditions.
const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '20' }, phase: { type: 'string', default: '384' }, settle: { type: 'string', default: '64' }, runtimes: { type: 'string', default: '4' } } })
const rounds = Number(args.rounds)
const phase = Number(args.phase)
const settle = Number(args.settle)
const perSide = Number(args.runtimes)
if (!(perSide >= 2)) throw new Error('--runtimes must be 2 or more: each side is measured against itself, half against half, for the noise')

setFlagsFromString('--expose-gc')
const collect = runInNewContext('gc') as () => void

async function runner(traces: boolean): Promise<Target> {
  return parleyTarget('PGlite', await openDatabase({}), { traces })
}

/**
 * CPU µs per message of one phase, its traces' write and its garbage included. A full collection sweeps
 * what it freed on background threads after it returns, so one collection alone charged part of a phase's
 * garbage to the next phase: rounds that began with a traces-on runtime read +9 to +16 %, rounds that began
 * with one off −3 to +3 %. A second collection first finishes the sweeping of the first (V8 completes
 * it, on this thread, before it marks again) and frees next to nothing itself, so what is left to sweep in
 * the next phase is the same after every phase: the heap's pages, not this phase's garbage.
 */
async function measure(run: Target): Promise<number> {
  await settled(run)
  const started = process.cpuUsage()
  await runLoad(run.send, phase, 1)
  await run.settle?.()
  collect()
  collect()
  const used = process.cpuUsage(started)
  return (used.user + used.system) / phase
}

/**
 * Unmeasured, before each phase: `--settle` messages of the same runtime, their traces written and
 * collected as a phase's are. Whatever the runtime before left running (sweeping, caches filled with its
 * data, its timers) lands here, so every measured phase follows one of its own runtime, on as off.
 */
async function settled(run: Target): Promise<void> {
  await runLoad(run.send, settle, 1)
  await run.settle?.()
  collect()
  collect()
}

// On and off alternate within a round, so both sides meet the machine's swings alike.
const names = Array.from({ length: perSide }, (_, index) => [`on ${index + 1}`, `off ${index + 1}`]).flat()
const runners = new Map<string, Target>()
for (const name of names) runners.set(name, await runner(name.startsWith('on')))
for (const name of names) await measure(runners.get(name)!) // warm-up: JIT, caches, the first pages
const loadBefore = loadavg()[0]!.toFixed(1)
const sides = await interleave(names, rounds, (name) => measure(runners.get(name)!))

console.log(`CPU per message, median of ${rounds} phases of ${phase} (load average ${loadBefore} → ${loadavg()[0]!.toFixed(1)}): ${medians(sides)}`)
console.log(`cost of traces, on against off: ${compare(side(sides, 'on'), side(sides, 'off'))}`)
// The order the phases ran in, checked: rounds that began with a runtime of either side should agree.
const began = (first: string) => (r: number) => names[r % names.length]!.startsWith(first)
const rounded = (keep: (r: number) => boolean) => (xs: readonly number[]) => xs.filter((_, r) => keep(r))
const byOrder = (first: string) => compare(rounded(began(first))(side(sides, 'on')), rounded(began(first))(side(sides, 'off')))
console.log(`by the side that began the round: on first ${byOrder('on')}; off first ${byOrder('off')}`)
console.log(`noise, half of a side against its other half: ${noise(sides, ['on', 'off'])}`)
console.log(JSON.stringify(Object.fromEntries(sides.results)))
