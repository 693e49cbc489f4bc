import { useMemo } from 'preact/hooks'
import type { BotApi } from '../../api/studio.js'
import { useStream } from '../../api/stream.js'
import type { MetricBucket } from '../../api/types.js'
import { useAsync } from '../../ui/async.js'
import { Show } from '../../ui/notes.js'
import { Chart } from './chart.js'

/** Turns per minute, p50/p99 latency and failures over the last hour, redrawn as turns end. */
export function Metrics({ api }: { api: BotApi }) {
  const [metrics, reload] = useAsync(() => api.metrics(60), [api])
  useStream(api.turnStreamUrl(), 'turn', reload)
  return (
    <section aria-labelledby="metrics-title">
      <h2 id="metrics-title">The last hour</h2>
      <Show loaded={metrics} what="metrics" retry={reload}>{({ buckets }) => <Charts buckets={buckets} />}</Show>
    </section>
  )
}

function Charts({ buckets }: { buckets: MetricBucket[] }) {
  const data = useMemo(() => ({
    times: buckets.map((b) => Date.parse(b.at) / 1000),
    turns: [{ label: 'turns', values: buckets.map((b) => b.turns), color: '#2563eb' }],
    latency: [
      { label: 'p50 ms', values: buckets.map((b) => b.p50Ms), color: '#059669' },
      { label: 'p99 ms', values: buckets.map((b) => b.p99Ms), color: '#d97706' },
    ],
    failures: [{ label: 'failures', values: buckets.map((b) => b.failures), color: '#dc2626' }],
  }), [buckets])
  return (
    <div class="charts">
      <Chart title="Turns per minute" times={data.times} series={data.turns} />
      <Chart title="Turn latency" times={data.times} series={data.latency} />
      <Chart title="Handler failures" times={data.times} series={data.failures} />
    </div>
  )
}
