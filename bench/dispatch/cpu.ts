import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { Database } from '@parley/runtime'
import { BENCH_DATABASE_URL, runLoad } from '../http/load.js'
import { sampleAllocations, type Allocations } from './allocations.js'
import { replaying } from './replay.js'
import { parleyTarget, pgliteDatabase, postgresDatabase, rawTarget, sameStatementsTarget, sameWritesTarget, type Target } from './targets.js'

// CPU time per message of one target, in this process and, on a PostgreSQL server on this machine, in the
// server processes serving it. On a shared machine messages per second swing with the other work; the CPU
// a message costs swings much less, so this is how two builds of the runtime are compared there.

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '3000' },
    warmup: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '1' },
    target: { type: 'string', default: 'parley' },
    database: { type: 'string', default: 'pglite' },
    traces: { type: 'string', default: 'on' },
    'database-url': { type: 'string', default: BENCH_DATABASE_URL },
    // Also what a message allocates, and where (a second run of `--messages`, after the timed one).
    allocations: { type: 'boolean', default: false },
  },
})

const APPLICATION = 'parley_bench_cpu'

/** What `--target` names: the runtime, its own statements sent raw, the same writes by hand, two simple statements. */
const TARGETS: Record<string, (name: string, db: Database) => Promise<Target>> = {
  parley: (name, db) => parleyTarget(name, db, { traces: args.traces !== 'off' }),
  own: sameStatementsTarget,
  same: sameWritesTarget,
  raw: (name, db) => rawTarget(name, db, 2),
}

/** User and system time of a process, in clock ticks (1/100 s); 0 once it is gone or not on this machine. */
function ticks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return Number(fields[11]) + Number(fields[12])
  } catch {
    return 0
  }
}

async function serverTicks(db: Database): Promise<Map<number, number>> {
  if (db.driver !== 'postgres') return new Map()
  const { rows } = await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [APPLICATION])
  return new Map(rows.map(({ pid }) => [pid, ticks(pid)]))
}

async function main(): Promise<void> {
  const [messages, level] = [Number(args.messages), Number(args.concurrency)]
  const url = new URL(args['database-url'])
  url.searchParams.set('application_name', APPLICATION)
  const opened = args.database === 'postgres' ? await postgresDatabase(url.toString()) : await pgliteDatabase()
  // `--database replay`: the turn's statements answered as in the warm-up (`replay.ts`): the runtime's JavaScript alone.
  const replay = args.database === 'replay' ? replaying(opened.db) : undefined
  const name = replay ? 'PGlite, turn statements replayed' : opened.db.driver === 'pglite' ? 'PGlite (in memory)' : 'PostgreSQL'
  const target = await TARGETS[args.target as keyof typeof TARGETS]?.(name, replay?.db ?? opened.db)
  if (!target) throw new Error(`--target must be one of ${Object.keys(TARGETS).join(', ')}`)
  try {
    await runLoad(target.send, Number(args.warmup), level)
    replay?.replay()
    const before = await serverTicks(opened.db)
    const cpu = process.cpuUsage()
    const result = await runLoad(target.send, messages, level)
    const used = process.cpuUsage(cpu)
    const after = await serverTicks(opened.db)
    const server = [...after].reduce((sum, [pid, t]) => sum + t - (before.get(pid) ?? t), 0) * 10_000
    const perMessage = (microseconds: number) => (microseconds / messages).toFixed(0)
    const passed = replay ? `; statements sent to the database per message: ${(replay.passedThrough() / messages).toFixed(3)}` : ''
    console.log(`${target.name}, c=${level}: ${result.perSecond.toFixed(0)} msgs/s; CPU per message: ${perMessage(used.user + used.system)} µs in Node${opened.db.driver === 'postgres' ? `, ${perMessage(server)} µs in the server` : ''}${passed}`)
    if (args.allocations) printAllocations(await sampleAllocations(async () => void (await runLoad(target.send, messages, level))), messages)
  } finally {
    await target.close()
    await opened.dispose()
  }
}

function printAllocations({ bytes, sites }: Allocations, messages: number): void {
  const kB = (size: number) => (size / messages / 1000).toFixed(2)
  console.log(`allocated per message: ${kB(bytes)} kB; the largest sites (kB per message):`)
  for (const [site, size] of sites.slice(0, 15)) console.log(`  ${kB(size).padStart(6)}  ${site}`)
}

await main()
