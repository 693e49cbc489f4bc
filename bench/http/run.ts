import { cpus } from 'node:os'
import { parseArgs } from 'node:util'
import { BENCH_DATABASE_URL, runLoad } from './load.js'
import { medianOf, type RunResult } from './stats.js'
import { baselineTarget, pgliteTargets, postgresTargets, type Target } from './targets.js'

// Messages per second and latency through the HTTP API (POST …/messages/incoming, answered once the
// plugins' hooks and the bot's handler ran), beside a bare node:http server as the ceiling and the same
// bot called in-process, in one process, on loopback.

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '8' },
    runs: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '200' },
    'database-url': { type: 'string', default: BENCH_DATABASE_URL },
    'skip-postgres': { type: 'boolean', default: false },
  },
})

const requests = Number(args.requests)
const concurrency = Number(args.concurrency)
const runs = Number(args.runs)
const warmup = Number(args.warmup)

async function main(): Promise<void> {
  const targets: Target[] = [await baselineTarget(), ...(await pgliteTargets())]
  if (!args['skip-postgres']) targets.push(...(await postgresTargets(args['database-url'])))
  try {
    for (const target of targets) await runLoad(target.send, warmup, concurrency)
    const results = await measure(targets)
    print(targets, results)
  } finally {
    for (const target of targets) await target.close()
  }
}

/** Runs are interleaved (each target once per round), so a slow moment of the machine hits them all alike. */
async function measure(targets: readonly Target[]): Promise<RunResult[]> {
  const byTarget: RunResult[][] = targets.map(() => [])
  for (let round = 0; round < runs; round++) {
    for (const [index, target] of targets.entries()) byTarget[index]!.push(await runLoad(target.send, requests, concurrency))
  }
  return byTarget.map(medianOf)
}

function print(targets: readonly Target[], results: readonly RunResult[]): void {
  const ceiling = results[0]!
  console.log(`${requests} requests × ${runs} runs (medians), concurrency ${concurrency}, warm-up ${warmup}; Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`)
  console.log('| target | messages/s | p50 ms | p99 ms | share of ceiling |')
  console.log('| --- | ---: | ---: | ---: | ---: |')
  for (const [index, target] of targets.entries()) {
    const r = results[index]!
    console.log(`| ${target.name} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${((r.perSecond / ceiling.perSecond) * 100).toFixed(1)} % |`)
  }
}

await main()
