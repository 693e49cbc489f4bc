import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import * as current from '@parley/runtime'
import { BENCH_DATABASE_URL, runLoad } from '../http/load.js'
import { replaying } from './replay.js'
import { compare, interleave, medians, noise, side } from './sides.js'
import { parleyTarget, pgliteDatabase, postgresDatabase, type Build, type Target } from './targets.js'

// Two builds of the runtime side by side in one process, by the Node CPU time per message of the bench's
// scenario: `--base` (the `dist/index.js` of a build copied aside) against this one. Built as
// `trace-cost.ts` is, for the same reasons:
//
// - several runtimes of each build (`--runtimes`, 2 by default), each on its own database (an embedded
//   PGlite, or a schema of its own on the server), so a side is the sum of its runtimes and one half of a
//   side against the other is the bench's own noise, which a difference must stand above;
// - the runtimes take turns in phases of `--phase` messages at `--concurrency`, the order rotating each
//   round; a phase ends with a studio read (which writes the traces that wait) and a full garbage
//   collection, both charged to it, so what a runtime leaves behind is collected in its own phase;
// - one process: separate processes of one build differ by more than the changes measured here.
//
//   mkdir -p packages/runtime/node_modules/.ab-base && cp -r packages/runtime/dist packages/runtime/node_modules/.ab-base/   # before the change (there the build finds its dependencies), then rebuild
//   node --import tsx bench/dispatch/build-ab.ts --base packages/runtime/node_modules/.ab-base/dist/index.js --database pglite --concurrency 1
const { values: args } = parseArgs({
  options: {
    base: { type: 'string' },
    // Another build in place of this one, to compare two builds copied aside.
    new: { type: 'string' },
    database: { type: 'string', default: 'pglite' },
    concurrency: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '12' },
    phase: { type: 'string', default: '384' },
    runtimes: { type: 'string', default: '2' },
    'database-url': { type: 'string', default: BENCH_DATABASE_URL },
  },
})
if (!args.base) throw new Error('--base must name the dist/index.js of the build to compare against')
const [rounds, phase, perSide, level] = [Number(args.rounds), Number(args.phase), Number(args.runtimes), Number(args.concurrency)]
if (!(perSide >= 2)) throw new Error('--runtimes must be 2 or more: each side is measured against itself, half against half, for the noise')

setFlagsFromString('--expose-gc')
const collect = runInNewContext('gc') as () => void

const load = async (path: string) => (await import(pathToFileURL(resolve(path)).href)) as Build
const builds: Record<string, Build> = { base: await load(args.base), new: args.new ? await load(args.new) : current }
const disposers: (() => Promise<void>)[] = []

// `--database replay`: PGlite, with each turn's two statements answered as PGlite answered them in the
// warm-up (`replay.ts`), so the figures are the runtime's own JavaScript, without the database's swings.
const replayed: (() => void)[] = []

async function runner(build: Build): Promise<Target> {
  const opened = args.database === 'postgres' ? await postgresDatabase(args['database-url'], build) : await pgliteDatabase()
  const replay = args.database === 'replay' ? replaying(opened.db) : undefined
  if (replay) replayed.push(replay.replay)
  const target = await parleyTarget(args.database, replay?.db ?? opened.db, { build })
  disposers.push(async () => { await target.close(); await opened.dispose() })
  return target
}

/** Node CPU µs per message of one phase, its traces' write and its garbage included. */
async function measure(run: Target): Promise<number> {
  const started = process.cpuUsage()
  await runLoad(run.send, phase, level)
  await run.settle?.()
  collect()
  const used = process.cpuUsage(started)
  return (used.user + used.system) / phase
}

// The two builds alternate within a round, so both meet the machine's swings alike.
const names = Array.from({ length: perSide }, (_, index) => [`base ${index + 1}`, `new ${index + 1}`]).flat()
const runners = new Map<string, Target>()
for (const name of names) runners.set(name, await runner(builds[name.split(' ')[0]!]!))
for (const name of names) await measure(runners.get(name)!) // warm-up: JIT, caches (and what a replay answers)
for (const replay of replayed) replay()
for (const name of names) await measure(runners.get(name)!)
const loadBefore = loadavg()[0]!.toFixed(1)
const sides = await interleave(names, rounds, (name) => measure(runners.get(name)!))
for (const dispose of disposers) await dispose()

console.log(`${args.database}, c=${level}: Node CPU per message, median of ${rounds} phases of ${phase} (load average ${loadBefore} → ${loadavg()[0]!.toFixed(1)}): ${medians(sides)}`)
console.log(`new against base: ${compare(side(sides, 'new'), side(sides, 'base'))}`)
console.log(`noise, half of a side against its other half: ${noise(sides, ['base', 'new'])}`)
