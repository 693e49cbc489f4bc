import { cpus } from 'node:os'
import { parseArgs } from 'node:util'
import { BENCH_DATABASE_URL, runLoad } from '../http/load.js'
import { medianOf, type RunResult } from '../http/stats.js'
import { floorTarget, parleyTarget, pgliteDatabase, postgresDatabase, rawTarget, sameStatementsTarget, sameWritesTarget, type Target } from './targets.js'

// Messages per second through the runtime in-process (receive → hooks → handler → reply, stored), beside
// the same logic in plain JavaScript (the floor) and each database doing the same number of statements per
// message in one transaction (the ceiling), measured in one run, at concurrency 1 and 32.

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '1,32' },
    'database-url': { type: 'string', default: BENCH_DATABASE_URL },
    'skip-postgres': { type: 'boolean', default: false },
  },
})

const messages = Number(args.messages)
const runs = Number(args.runs)
const warmup = Number(args.warmup)
const levels = args.concurrency.split(',').map(Number)

interface Group {
  readonly parley: Target
  /** The same runtime with turn traces off, to measure what recording them costs. */
  readonly untraced: Target
  readonly raw: Target
  readonly same: Target
  readonly own: Target
  /** Per message, measured over the warm-up and every run. */
  readonly perMessage: { statements: number; commits: number; ticketWrites: number }
}

async function group(name: string, open: () => Promise<{ db: Awaited<ReturnType<typeof pgliteDatabase>>['db']; dispose(): Promise<void> }>): Promise<Group & { dispose(): Promise<void> }> {
  const [forParley, forRaw, forSame, forOwn, forUntraced] = await Promise.all([open(), open(), open(), open(), open()])
  const parley = await parleyTarget(name, forParley.db)
  const untraced = await parleyTarget(name, forUntraced.db, { traces: false })
  await runLoad(untraced.send, warmup, Math.max(...levels))
  parley.counts!.reset()
  await runLoad(parley.send, warmup, Math.max(...levels))
  const { statements, commits, ticketWrites } = parley.counts!.counts
  const perMessage = { statements: statements / warmup, commits: commits / warmup, ticketWrites: ticketWrites / warmup }
  const raw = await rawTarget(name, forRaw.db, Math.round(perMessage.statements))
  await runLoad(raw.send, warmup, Math.max(...levels))
  const same = await sameWritesTarget(name, forSame.db)
  await runLoad(same.send, warmup, Math.max(...levels))
  const own = await sameStatementsTarget(name, forOwn.db)
  await runLoad(own.send, warmup, Math.max(...levels))
  return {
    parley, untraced, raw, same, own, perMessage,
    dispose: async () => {
      await parley.close()
      await untraced.close()
      await raw.close()
      for (const opened of [forParley, forRaw, forSame, forOwn, forUntraced]) await opened.dispose()
    },
  }
}

async function main(): Promise<void> {
  const floor = floorTarget()
  await runLoad(floor.send, warmup, 1)
  const groups = [await group('PGlite (in memory)', pgliteDatabase)]
  if (!args['skip-postgres']) groups.push(await group('PostgreSQL', () => postgresDatabase(args['database-url'])))
  try {
    const targets = [floor, ...groups.flatMap((g) => [g.parley, g.untraced, g.raw, g.own, g.same])]
    const results = await measure(targets)
    print(targets, results, groups)
  } finally {
    for (const g of groups) await g.dispose()
  }
}

/** Every target at every concurrency once per round, rounds repeated: a slow moment of the machine hits them all alike. */
async function measure(targets: readonly Target[]): Promise<Map<Target, Map<number, RunResult>>> {
  const samples = new Map(targets.map((target) => [target, new Map(levels.map((level) => [level, [] as RunResult[]]))]))
  for (let round = 0; round < runs; round++) {
    for (const target of targets) {
      for (const level of levels) samples.get(target)!.get(level)!.push(await runLoad(target.send, messages, level))
    }
  }
  return new Map([...samples].map(([target, byLevel]) => [target, new Map([...byLevel].map(([level, results]) => [level, medianOf(results)]))]))
}

function print(targets: readonly Target[], results: Map<Target, Map<number, RunResult>>, groups: readonly Group[]): void {
  console.log(`${messages} messages × ${runs} runs (medians) per concurrency, warm-up ${warmup}, 256 conversations; Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`)
  const rate = (target: Target, level: number) => results.get(target)!.get(level)!
  console.log(`| target | ${levels.map((level) => `msgs/s c=${level} | p99 ms c=${level}`).join(' | ')} | statements / msg | commits / msg |`)
  console.log(`| --- | ${levels.map(() => '---: | ---:').join(' | ')} | ---: | ---: |`)
  for (const target of targets) {
    const g = groups.find((candidate) => candidate.parley === target)
    const columns = levels.map((level) => `${rate(target, level).perSecond.toFixed(0)} | ${rate(target, level).p99.toFixed(2)}`)
    const counts = g ? `${g.perMessage.statements.toFixed(2)} | ${g.perMessage.commits.toFixed(2)}${g.perMessage.ticketWrites ? ` (+${g.perMessage.ticketWrites.toFixed(2)} unlogged ticket)` : ''}` : rawCounts(target)
    console.log(`| ${target.name} | ${columns.join(' | ')} | ${counts} |`)
  }
  const share = (g: Group, ceiling: Target, level: number) => `${((rate(g.parley, level).perSecond / rate(ceiling, level).perSecond) * 100).toFixed(0)} %`
  for (const g of groups) {
    const shares = (ceiling: Target) => levels.map((level) => `${share(g, ceiling, level)} at c=${level}`).join(', ')
    const cost = levels.map((level) => `${((1 - rate(g.parley, level).perSecond / rate(g.untraced, level).perSecond) * 100).toFixed(1)} % at c=${level}`).join(', ')
    console.log(`${g.parley.name}, cost of recording and storing turn traces (traces on against off): ${cost}`)
    console.log(`${g.parley.name}, share of the ceiling of as many simple statements: ${shares(g.raw)}; of its own statements sent raw: ${shares(g.own)}; of the same writes done by hand: ${shares(g.same)}`)
  }
}

function rawCounts(target: Target): string {
  if (target.name.includes('same writes')) return '3 + BEGIN, COMMIT | 1'
  if (target.name.includes('two statements')) return '2 + BEGIN, COMMIT | 1'
  const statements = /: (\d+) statements/.exec(target.name)?.[1]
  return statements ? `${statements} + BEGIN, COMMIT | 1` : '– | –'
}

await main()
