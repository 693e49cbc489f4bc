import { Worker } from 'node:worker_threads'
import type { Database, Queryable, QueryResult } from '@parley/runtime'
import { bindAndRun } from '../../packages/runtime/src/storage/database/pglite-messages.js'

// An experiment, not a driver: the embedded database on a thread of its own, the runtime's queries sent to
// it as calls. Enough of a `Database` for the bench's bot (its migrations, its turns, its traces), to see
// what a message costs when PGlite and the runtime each keep a core and its caches (README, "A message is
// more than its parts"). Left out: the checks and reopening after PGlite fails, `clone`, a data directory.

type Call = { readonly op: 'exec' | 'query' | 'prepared' | 'close'; readonly [field: string]: unknown }
type Send = (call: Call) => Promise<unknown[]>
type Run = <Row extends object>(sql: string, params?: readonly unknown[], options?: { name?: string }) => Promise<QueryResult<Row>>

export async function openThreadPglite(): Promise<Database> {
  const worker = new Worker(new URL('./pglite-thread-worker.mjs', import.meta.url))
  await new Promise<void>((resolve) => worker.once('message', () => resolve()))
  const send = calls(worker)
  const run = runner(send)
  // The thread answers calls in the order they come, so a call only waits for a transaction under way
  // (whose statements must not meet others'); transactions wait for each other.
  let lock: Promise<void> = Promise.resolve()
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = lock.then(work)
    lock = result.then(() => undefined, () => undefined)
    return result
  }
  return {
    driver: 'pglite',
    query: (sql, params, options) => lock.then(() => run(sql, params, options)),
    transaction: (fn) => exclusive(() => within(run, 'BEGIN', 'COMMIT', 'ROLLBACK', () => fn(scope(run, 1)))),
    close: async () => {
      await send({ op: 'close' })
      await worker.terminate()
    },
  }
}

/** Calls to the thread, each answered by its id: rows, or an error with PostgreSQL's fields on it. */
function calls(worker: Worker): Send {
  const waiting = new Map<number, { resolve(rows: unknown[]): void; reject(error: unknown): void }>()
  let next = 0
  worker.on('message', ({ id, rows, error }: { id: number; rows?: unknown[]; error?: Record<string, unknown> }) => {
    const call = waiting.get(id)!
    waiting.delete(id)
    if (error) call.reject(Object.assign(new Error(String(error['message'])), error))
    else call.resolve(rows!)
  })
  return (call) => new Promise((resolve, reject) => {
    waiting.set(next, { resolve, reject })
    worker.postMessage({ id: next++, ...call })
  })
}

/** As the driver sends them: a named statement of text values as one message, scripts through `exec`. */
function runner(send: Send): Run {
  return async <Row extends object>(sql: string, params?: readonly unknown[], options?: { name?: string }) => {
    const name = options?.name
    const texts = params?.every((value) => value === null || typeof value === 'string' || typeof value === 'number') ? params.map((value) => (value === null ? null : String(value))) : undefined
    if (name !== undefined && texts && texts.length > 0) return { rows: (await send({ op: 'prepared', sql, name, message: bindAndRun(name, texts) })) as Row[] }
    if (params && params.length > 0) return { rows: (await send({ op: 'query', sql, params: [...params] })) as Row[] }
    return { rows: (await send({ op: 'exec', sql })) as Row[] }
  }
}

async function within<T>(run: Run, begin: string, commit: string, rollback: string, work: () => Promise<T>): Promise<T> {
  await run(begin)
  try {
    const result = await work()
    await run(commit)
    return result
  } catch (error) {
    await run(rollback)
    throw error
  }
}

function scope(run: Run, depth: number): Queryable {
  const savepoint = `parley_thread_savepoint_${depth}`
  return {
    query: run,
    transaction: (fn) => within(run, `SAVEPOINT ${savepoint}`, `RELEASE SAVEPOINT ${savepoint}`, `ROLLBACK TO SAVEPOINT ${savepoint}`, () => fn(scope(run, depth + 1))),
  }
}
