import type { Migration } from './migration.js'

/**
 * A version per job, raised each time a keyed job is replaced. A process finishing a job it claimed
 * completes, reschedules or retries it only if it is still the version it claimed, so a replacement made
 * while it ran (a conversation's inactivity end moved by a new message) is kept, not deleted with it.
 */
export const jobVersions: Migration = {
  version: 16,
  name: 'job-versions',
  sql: `ALTER TABLE parley_jobs ADD COLUMN version bigint NOT NULL DEFAULT 0`,
}
