import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { postgresTargets } from './targets.js'
import { BENCH_DATABASE_URL } from './load.js'

// Where the HTTP tail comes from on PostgreSQL: each request's span, beside the process's garbage
// collections (`gc` entries) and its event loop's delay, so the slowest requests can be told apart by
// whether a collection fell inside them.

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '8' },
    runs: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '200' },
    'database-url': { type: 'string', default: BENCH_DATABASE_URL },
  },
})

interface Span { readonly start: number; readonly end: number }

const gcs: Span[] = []
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcs.push({ start: entry.startTime, end: entry.startTime + entry.duration })
}).observe({ entryTypes: ['gc'] })

async function load(send: (index: number) => Promise<void>, total: number, concurrency: number): Promise<Span[]> {
  const spans: Span[] = []
  let next = 0
  const worker = async () => {
    while (next < total) {
      const start = performance.now()
      await send(next++)
      spans.push({ start, end: performance.now() })
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return spans
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
const gcInside = (span: Span) => gcs.filter((gc) => gc.end > span.start && gc.start < span.end).reduce((sum, gc) => sum + Math.min(gc.end, span.end) - Math.max(gc.start, span.start), 0)

async function main(): Promise<void> {
  const [http] = await postgresTargets(args['database-url'])
  const [total, concurrency] = [Number(args.requests), Number(args.concurrency)]
  try {
    await load(http!.send, Number(args.warmup), concurrency)
    for (let run = 0; run < Number(args.runs); run++) {
      gcs.length = 0
      const delay = monitorEventLoopDelay({ resolution: 1 })
      delay.enable()
      const spans = await load(http!.send, total, concurrency)
      delay.disable()
      const latencies = spans.map((span) => span.end - span.start).sort((a, b) => a - b)
      const p99 = quantile(latencies, 0.99)
      const slow = spans.filter((span) => span.end - span.start >= p99)
      const withGc = slow.filter((span) => gcInside(span) > 0)
      const gcShare = slow.reduce((sum, span) => sum + gcInside(span), 0) / slow.reduce((sum, span) => sum + span.end - span.start, 0)
      const pauses = gcs.map((gc) => gc.end - gc.start).sort((a, b) => a - b)
      console.log(`run ${run + 1}: p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms; of the ${slow.length} requests at or over p99, ${withGc.length} had a collection inside (${(gcShare * 100).toFixed(0)} % of their time); ${gcs.length} collections, longest ${(pauses.at(-1) ?? 0).toFixed(1)} ms, p90 ${(quantile(pauses, 0.9) ?? 0).toFixed(1)} ms; event loop delay p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`)
    }
  } finally {
    await http!.close()
  }
}

await main()
