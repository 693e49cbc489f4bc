import type { Clock } from './clock.js'
import type { Job, JobQueue } from './job-queue.js'

/**
 * What a finished job asks for: nothing (it is done), to run again at a later time, or nothing more
 * because the job was deleted with the work it did (a turn stores its job's end with its writes).
 */
export type JobOutcome = void | { readonly rescheduleAt: Date } | { readonly completed: true }

export type JobHandler = (job: Job) => Promise<JobOutcome>

export interface WorkerOptions {
  readonly queue: JobQueue
  readonly clock: Clock
  readonly handlers: Readonly<Record<string, JobHandler>>
  /** Runs before each claim, to turn due conditions in the database (expired states…) into jobs. */
  readonly sweep?: (now: Date) => Promise<void>
  /** Told of every failed attempt; `final` when the job will not be tried again. */
  readonly onError?: (job: Job, error: unknown, final: boolean) => void
  readonly batchSize?: number
  readonly maxAttempts?: number
  /** A drain stops after this many jobs and lets the next one continue, so a job loop cannot hog it. */
  readonly maxJobsPerDrain?: number
}

export interface Worker {
  /** Runs every job due now, including those the jobs themselves add; resolves with how many ran. */
  drain(): Promise<number>
  /** Asks for a drain soon, as after adding a job due now; does nothing until `start`. */
  kick(): void
  /** Drains every `intervalMs` until stopped. */
  start(intervalMs: number): void
  /** Stops polling and waits for the drain in progress. */
  stop(): Promise<void>
}

/**
 * Runs jobs in this process. Drains never overlap here; across processes the queue's leases keep two
 * from running one job.
 */
export function createWorker(options: WorkerOptions): Worker {
  let tail: Promise<unknown> = Promise.resolve()
  let kicked = false
  let started = false
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  const drain = (): Promise<number> => {
    const run = tail.then(() => (stopped ? 0 : drainOnce(options)))
    tail = run.catch(() => undefined)
    return run
  }
  // Before `start`, jobs run only when drained on purpose (a test deciding when things happen).
  const kick = () => {
    if (!started || kicked || stopped) return
    kicked = true
    setImmediate(() => {
      kicked = false
      drain().catch(() => undefined) // a failed drain is retried on the next kick or poll
    })
  }
  return {
    drain,
    kick,
    start: (intervalMs) => {
      started = true
      timer ??= setInterval(kick, intervalMs)
      kick()
    },
    stop: async () => {
      stopped = true
      clearInterval(timer)
      await tail
    },
  }
}

async function drainOnce(options: WorkerOptions): Promise<number> {
  const limit = options.maxJobsPerDrain ?? 10_000
  let ran = 0
  while (ran < limit) {
    const now = options.clock.now()
    await options.sweep?.(now)
    const jobs = await options.queue.claim(now, options.batchSize ?? 20)
    if (jobs.length === 0) break
    for (const job of jobs) await runJob(options, job)
    ran += jobs.length
  }
  return ran
}

async function runJob(options: WorkerOptions, job: Job): Promise<void> {
  const { queue, clock } = options
  try {
    const handler = options.handlers[job.kind]
    if (!handler) throw new Error(`no handler for jobs of kind "${job.kind}"; it was added by a newer or different runtime`)
    const outcome = await handler(job)
    if (outcome && 'completed' in outcome) return
    await (outcome ? queue.reschedule(job, outcome.rescheduleAt) : queue.complete(job))
  } catch (error) {
    const final = job.attempts >= (options.maxAttempts ?? 5)
    const message = error instanceof Error ? error.message : String(error)
    await (final ? queue.fail(job, message, clock.now()) : queue.retry(job, message, backoff(clock.now(), job.attempts)))
    options.onError?.(job, error, final)
  }
}

/** 1 s, 2 s, 4 s… after each failed attempt, at most 5 minutes. */
function backoff(now: Date, attempts: number): Date {
  return new Date(now.getTime() + Math.min(1000 * 2 ** (attempts - 1), 300_000))
}
