import { summarize, type RunResult } from './stats.js'

/** Sends the `index`th message of a run and resolves once it was answered. */
export type Send = (index: number) => Promise<void>

/**
 * Sends `total` messages, `concurrency` at a time, and times each from send to answer. Any failure stops
 * the run: a benchmark of errors is no benchmark.
 */
export async function runLoad(send: Send, total: number, concurrency: number): Promise<RunResult> {
  const latencies: number[] = []
  let next = 0
  const worker = async () => {
    while (next < total) latencies.push(await timed(send, next++))
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, worker))
  return summarize(latencies, performance.now() - started)
}

async function timed(send: Send, index: number): Promise<number> {
  const started = performance.now()
  await send(index)
  return performance.now() - started
}

/** A POST over keep-alive connections, read to the end; a non-2xx answer throws. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  const text = await response.text()
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 300)}`)
}

/** The PostgreSQL server the benches use unless `--database-url` names another. */
export const BENCH_DATABASE_URL = process.env['PARLEY_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test'
