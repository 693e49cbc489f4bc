/** The value below which `p` percent of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50)
}

export interface RunResult {
  readonly perSecond: number
  readonly p50: number
  readonly p99: number
}

export function summarize(latencies: readonly number[], elapsedMs: number): RunResult {
  const sorted = [...latencies].sort((a, b) => a - b)
  return { perSecond: (latencies.length / elapsedMs) * 1000, p50: percentile(sorted, 50), p99: percentile(sorted, 99) }
}

/** Medians of each figure over several runs. */
export function medianOf(runs: readonly RunResult[]): RunResult {
  return { perSecond: median(runs.map((r) => r.perSecond)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)) }
}
