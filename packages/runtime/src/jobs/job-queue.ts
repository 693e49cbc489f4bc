import type { Queryable } from '../storage/database/index.js'

// Why a table of our own rather than pg-boss. pg-boss 10 does run on PGlite through its `db.executeSql`
// adapter, and claims jobs the same way this does (`FOR UPDATE SKIP LOCKED`), but:
// - it compares due times with the database's `now()`; tests must move time on (a one-day delay, an
//   expiry, a timeout) without waiting, so every due time here is compared with the engine's clock;
// - an event and the job that delivers it must commit together, with the rest of the turn that emitted it:
//   a turn is stored by one statement (`parley_turn_commit`), which inserts its jobs into this table beside
//   its messages and states, and deletes the job that ran the turn, so a job's writes and its completion
//   are one change (pg-boss keeps its jobs in its own schema and completes them through its own calls);
// - recurring events use the SDK's own schedules (second-grained shorthands like `30s`, time zones)
//   with the parser that checked the definition, where pg-boss's cron is per minute, checked every 30 s;
// - it brings its own schema, per-queue partitions and maintenance timers, all contending for the one
//   connection of the embedded database.
// One table, leased claims and a few statements keep the same guarantee: on one PostgreSQL, each due
// job is taken by one process at a time, and taken again only if that process dies mid-job; as the turn it
// ran stored nothing, the handlers then run again from the start, and nothing is stored twice.

/** Work to do at `runAt`. With a `key`, there is at most one such job: enqueuing again replaces it. */
export interface JobRequest {
  readonly kind: string
  readonly payload: Readonly<Record<string, unknown>>
  readonly runAt: Date
  readonly key?: string
}

export interface Job {
  readonly id: number
  readonly kind: string
  readonly key?: string
  readonly payload: Record<string, unknown>
  readonly runAt: string
  /** How many times it was claimed, this time included. */
  readonly attempts: number
  /** Raised each time the job is replaced under its key; a finished claim acts only on the version it took. */
  readonly version: number
  readonly lastError?: string
  readonly failedAt?: string
}

/**
 * The jobs of one bot, in the database. `claim` takes due jobs with `FOR UPDATE SKIP LOCKED` and leases
 * them, so processes sharing one PostgreSQL each get different jobs, and a job whose process died is
 * claimed again once its lease ends.
 */
export interface JobQueue {
  /** Adds the job; with a key, replaces the job of that key (its payload and due time). */
  enqueue(db: Queryable, job: JobRequest): Promise<void>
  /** Adds the keyed job unless one with the same payload exists, whose due time then stays. */
  ensure(db: Queryable, job: JobRequest & { readonly key: string }): Promise<void>
  cancel(db: Queryable, key: string): Promise<void>
  /** Deletes the jobs of `kind` whose key is not in `keep`. */
  prune(db: Queryable, kind: string, keep: readonly string[]): Promise<void>
  claim(now: Date, limit: number): Promise<Job[]>
  /**
   * Deletes the claimed job. This and the three below act on the version claimed: a job replaced while
   * it ran (enqueued again under its key) stays as replaced.
   */
  complete(claim: JobClaim): Promise<void>
  /** Releases the job to run again at `runAt`, e.g. the next time a recurring event is due. */
  reschedule(claim: JobClaim, runAt: Date): Promise<void>
  retry(claim: JobClaim, error: string, runAt: Date): Promise<void>
  /** Gives up on the job; it stays in the table, with the error, for a person to look at. */
  fail(claim: JobClaim, error: string, at: Date): Promise<void>
  list(options?: { readonly kind?: string }): Promise<Job[]>
  /**
   * For people: `failed` jobs (given up on), `recurring` ones (keyed: a schedule or a sweep), `scheduled`
   * (the others not failed); at most `limit`.
   */
  listByStatus(status: JobStatus, limit: number): Promise<Job[]>
  /** Makes a job due now, as new (attempts and error cleared); the job, or undefined when there is none. */
  retryNow(id: number, now: Date): Promise<Job | undefined>
  /** Deletes a job unless a process holds it; whether one was deleted. */
  remove(id: number, now: Date): Promise<boolean>
}

/** Which job, as claimed: its id and the version it had then. */
export type JobClaim = Pick<Job, 'id' | 'version'>

export type JobStatus = 'scheduled' | 'recurring' | 'failed'

const STATUS_FILTER: Record<JobStatus, string> = {
  failed: 'failed_at IS NOT NULL',
  recurring: 'failed_at IS NULL AND key IS NOT NULL',
  scheduled: 'failed_at IS NULL AND key IS NULL',
}

/** How long a claimed job is reserved for the process that claimed it. */
export const LEASE_MS = 5 * 60_000

const COLUMNS = 'id, kind, key, payload, run_at, attempts, last_error, failed_at, version'

interface JobRow {
  id: number
  kind: string
  key: string | null
  payload: Record<string, unknown>
  run_at: Date | string
  attempts: number
  last_error: string | null
  failed_at: Date | string | null
  version: number | string
}

export function createJobQueue(db: Queryable, botId: string): JobQueue {
  const run = async (sql: string, params: readonly unknown[]) => void (await db.query(sql, params))
  return {
    enqueue: (target, job) => insertJob(target, botId, job, REPLACE),
    ensure: (target, job) => insertJob(target, botId, job, KEEP_SAME),
    cancel: async (target, key) => void (await target.query('DELETE FROM parley_jobs WHERE bot_id = $1 AND key = $2', [botId, key])),
    prune: async (target, kind, keep) => void (await target.query(PRUNE, [botId, kind, keep])),
    claim: (now, limit) => claimJobs(db, botId, now, limit),
    complete: (claim) => run(`DELETE FROM parley_jobs WHERE ${CLAIMED}`, [claim.id, claim.version]),
    reschedule: (claim, runAt) => run(RESCHEDULE, [claim.id, claim.version, runAt.toISOString()]),
    retry: (claim, error, runAt) => run(`UPDATE parley_jobs SET run_at = $3, locked_until = NULL, last_error = $4 WHERE ${CLAIMED}`, [claim.id, claim.version, runAt.toISOString(), error]),
    fail: (claim, error, at) => run(`UPDATE parley_jobs SET failed_at = $3, locked_until = NULL, last_error = $4 WHERE ${CLAIMED}`, [claim.id, claim.version, at.toISOString(), error]),
    list: (options = {}) => listJobs(db, botId, options.kind),
    listByStatus: async (status, limit) => {
      const sql = `SELECT ${COLUMNS} FROM parley_jobs WHERE bot_id = $1 AND ${STATUS_FILTER[status]} ORDER BY run_at, id LIMIT $2`
      return (await db.query<JobRow>(sql, [botId, limit])).rows.map(toJob)
    },
    retryNow: async (id, now) => {
      const sql = `UPDATE parley_jobs SET run_at = $3, failed_at = NULL, last_error = NULL, attempts = 0, locked_until = NULL
        WHERE bot_id = $1 AND id = $2 AND (locked_until IS NULL OR locked_until <= $3 OR failed_at IS NOT NULL) RETURNING ${COLUMNS}`
      const { rows } = await db.query<JobRow>(sql, [botId, id, now.toISOString()])
      return rows[0] && toJob(rows[0])
    },
    remove: async (id, now) => {
      const sql = 'DELETE FROM parley_jobs WHERE bot_id = $1 AND id = $2 AND (locked_until IS NULL OR locked_until <= $3 OR failed_at IS NOT NULL) RETURNING id'
      return (await db.query(sql, [botId, id, now.toISOString()])).rows.length > 0
    },
  }
}

const PRUNE = 'DELETE FROM parley_jobs WHERE bot_id = $1 AND kind = $2 AND NOT (key = ANY($3::text[]))'
/** The job as claimed: `$1` its id, `$2` its version. */
const CLAIMED = 'id = $1 AND version = $2'
const RESCHEDULE = `UPDATE parley_jobs SET run_at = $3, locked_until = NULL, attempts = 0, last_error = NULL WHERE ${CLAIMED}`

// A replacement is a new job under the old key: a new version, unclaimed, whatever a process running the
// old one does when it finishes.
const REPLACE = `ON CONFLICT (bot_id, key) WHERE key IS NOT NULL DO UPDATE SET payload = excluded.payload, run_at = excluded.run_at,
  attempts = 0, last_error = NULL, failed_at = NULL, locked_until = NULL, version = parley_jobs.version + 1`
const KEEP_SAME = `ON CONFLICT (bot_id, key) WHERE key IS NOT NULL DO UPDATE SET payload = excluded.payload,
  run_at = CASE WHEN parley_jobs.payload = excluded.payload THEN parley_jobs.run_at ELSE excluded.run_at END,
  locked_until = CASE WHEN parley_jobs.payload = excluded.payload THEN parley_jobs.locked_until END,
  version = parley_jobs.version + CASE WHEN parley_jobs.payload = excluded.payload THEN 0 ELSE 1 END`

async function insertJob(db: Queryable, botId: string, job: JobRequest, onConflict: string): Promise<void> {
  const sql = `INSERT INTO parley_jobs (bot_id, kind, key, payload, run_at) VALUES ($1, $2, $3, $4::text::jsonb, $5) ${job.key === undefined ? '' : onConflict}`
  await db.query(sql, [botId, job.kind, job.key ?? null, JSON.stringify(job.payload), job.runAt.toISOString()])
}

/** One statement: pick due, unleased jobs (skipping rows another process has locked) and lease them. */
async function claimJobs(db: Queryable, botId: string, now: Date, limit: number): Promise<Job[]> {
  const sql = `UPDATE parley_jobs SET locked_until = $3, attempts = attempts + 1 WHERE id IN (
      SELECT id FROM parley_jobs WHERE bot_id = $1 AND failed_at IS NULL AND run_at <= $2 AND (locked_until IS NULL OR locked_until <= $2)
      ORDER BY run_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
    RETURNING ${COLUMNS}`
  const { rows } = await db.query<JobRow>(sql, [botId, now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString(), limit])
  return rows.map(toJob).sort((a, b) => a.runAt.localeCompare(b.runAt) || a.id - b.id)
}

async function listJobs(db: Queryable, botId: string, kind: string | undefined): Promise<Job[]> {
  const sql = `SELECT ${COLUMNS} FROM parley_jobs WHERE bot_id = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY run_at, id`
  return (await db.query<JobRow>(sql, [botId, kind ?? null])).rows.map(toJob)
}

function toJob(row: JobRow): Job {
  const job = { id: Number(row.id), kind: row.kind, payload: row.payload, runAt: new Date(row.run_at).toISOString(), attempts: row.attempts, version: Number(row.version) }
  return {
    ...job,
    ...(row.key === null ? {} : { key: row.key }),
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    ...(row.failed_at === null ? {} : { failedAt: new Date(row.failed_at).toISOString() }),
  }
}
