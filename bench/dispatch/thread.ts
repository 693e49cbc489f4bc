import { parseArgs } from 'node:util'
import { loadavg } from 'node:os'
import { openDatabase } from '@parley/runtime'
import { runLoad } from '../http/load.js'
import { openThreadPglite } from './pglite-thread.js'
import { parleyTarget, type Target } from './targets.js'

// The runtime on the embedded database in this thread (as it runs) against the same on a database moved
// to a thread of its own (`pglite-thread.ts`, an experiment), runs interleaved, by messages a second and
// by the CPU a message costs in both threads together.
const { values: args } = parseArgs({ options: { concurrency: { type: 'string', default: '1' }, runs: { type: 'string', default: '3' }, messages: { type: 'string', default: '1000' } } })
const [level, runs, messages] = [Number(args.concurrency), Number(args.runs), Number(args.messages)]

const targets: [string, Target][] = [
  ['this thread', await parleyTarget('PGlite', await openDatabase({}))],
  ['a thread of its own', await parleyTarget('PGlite on a thread', await openThreadPglite())],
]
for (const [, target] of targets) await runLoad(target.send, messages, level)
console.log(`c=${level}, ${runs} runs of ${messages} (load average ${loadavg()[0]!.toFixed(1)})`)
for (let run = 0; run < runs; run++) {
  for (const [name, target] of targets) {
    const started = process.cpuUsage()
    const { perSecond } = await runLoad(target.send, messages, level)
    const used = process.cpuUsage(started)
    console.log(`PGlite in ${name}: ${perSecond.toFixed(0)} msgs/s, ${((used.user + used.system) / messages).toFixed(0)} µs of CPU a message`)
  }
}
for (const [, target] of targets) await target.close()
