import { loadavg } from 'node:os'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { openDatabase, type Database } from '@parley/runtime'
import { parleyTarget, type Target } from './targets.js'

// A/B of traces on PGlite at concurrency 1, by this process's CPU time per message (PGlite runs in it),
// which the machine's other work moves far less than wall time: traces written (a batch is written when
// 128 wait), recorded but dropped (the same turns, traces and batches, whose INSERT the database is never
// sent: what recording alone costs, with nothing kept), and off.
//
// The targets take turns every few messages, the order rotating, so work that comes and goes within a
// second weighs on all three alike. The written target's batches are written when full, not after a
// delay: a timer would fire in another target's slot and its cost be counted there. Each slot ends once
// what its messages set going (a batch's INSERT) has run. The figures are medians over the rounds. A fourth
// target, off again, is measured against off like the others: what it shows is the bench's own noise.
const rounds = Number(process.argv[2] ?? 6)
const per = Number(process.argv[3] ?? 200)
const SLOT = 8
const WRITTEN = { maxRows: 128, delayMs: 1e9 }

/** A database that answers the trace batch's INSERT without running it: the traces are dropped there. */
function droppingTraces(db: Database): Database {
  return { ...db, query: (sql, params, options) => options?.name === 'parley_traces_batch' ? Promise.resolve({ rows: [] }) as never : db.query(sql, params, options) }
}

/** CPU microseconds spent from each trace batch's INSERT being sent to its answer (the turns wait on nothing then). */
let insertCpu = 0
function timingTraces(db: Database): Database {
  return {
    ...db,
    query: async (sql, params, options) => {
      if (options?.name !== 'parley_traces_batch') return db.query(sql, params, options)
      const started = process.cpuUsage()
      try {
        return await db.query(sql, params, options)
      } finally {
        const used = process.cpuUsage(started)
        insertCpu += used.user + used.system
      }
    },
  }
}

const targets: Record<string, Target> = {
  written: await parleyTarget('PGlite', timingTraces(await openDatabase({})), { traceBatch: WRITTEN }),
  recorded: await parleyTarget('PGlite', droppingTraces(await openDatabase({})), { traceBatch: WRITTEN }),
  off: await parleyTarget('PGlite', await openDatabase({}), { traces: false }),
  // The same as off, measured the same way: how far two identical targets differ here, the noise floor.
  again: await parleyTarget('PGlite', await openDatabase({}), { traces: false }),
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

/** CPU microseconds per message of each target over one round, the targets' slots rotating. */
async function round(): Promise<Record<string, number>> {
  const spent: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]))
  for (let first = 0, turn = 0; first < per; first += SLOT, turn++) {
    const count = Math.min(SLOT, per - first)
    for (let k = 0; k < names.length; k++) {
      const name = names[(turn + k) % names.length]!
      spent[name]! += await slot(targets[name]!, first, count)
    }
  }
  return Object.fromEntries(names.map((name) => [name, spent[name]! / per]))
}

const load = () => loadavg()[0]!.toFixed(1)
const loadBefore = load()
await round() // warm-up: compiled code, prepared statements, every conversation's rows read once
insertCpu = 0
const results: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]))
for (let r = 0; r < rounds; r++) {
  const figures = await round()
  for (const name of names) results[name]!.push(figures[name]!)
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const µs = Object.fromEntries(names.map((name) => [name, median(results[name]!)])) as Record<'written' | 'recorded' | 'off' | 'again', number>
const percent = (ratio: number) => `${((ratio - 1) * 100).toFixed(1)} %`
// A round's targets ran side by side, so a round's own ratio is steadier than the ratio of medians.
const paired = (name: string) => percent(median(results[name]!.map((value, r) => value / results['off']![r]!)))
console.log(`CPU per message: written ${µs.written.toFixed(0)} µs, recorded only ${µs.recorded.toFixed(0)} µs, off ${µs.off.toFixed(0)} µs, off again ${µs.again.toFixed(0)} µs (load average ${loadBefore} → ${load()})`)
console.log(`cost, ratio of medians: written ${percent(µs.written / µs.off)}, recorded only ${percent(µs.recorded / µs.off)}; off again (noise) ${percent(µs.again / µs.off)}`)
console.log(`cost, median of each round's ratio: written ${paired('written')}, recorded only ${paired('recorded')}; off again (noise) ${paired('again')}`)
console.log(`of which the trace batches' INSERTs: ${(insertCpu / (rounds * per)).toFixed(0)} µs per message written`)
console.log(JSON.stringify(Object.fromEntries(names.map((name) => [name, results[name]!.map((value) => Math.round(value))]))))
for (const target of Object.values(targets)) await target.close()
