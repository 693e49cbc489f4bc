import type { Migration } from './migration.js'

/**
 * Durable work (delayed and recurring events, state expiry, workflow handlers): due at `run_at`, claimed
 * by one process at a time until `locked_until`. A `key` makes a job unique, as a recurring event's is.
 */
export const jobs: Migration = {
  version: 5,
  name: 'jobs',
  sql: `
  CREATE TABLE parley_jobs (
    bot_id text NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL,
    key text,
    payload jsonb NOT NULL DEFAULT '{}',
    run_at timestamptz NOT NULL,
    locked_until timestamptz,
    attempts integer NOT NULL DEFAULT 0,
    last_error text,
    failed_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE UNIQUE INDEX parley_jobs_key ON parley_jobs (bot_id, key) WHERE key IS NOT NULL;
  CREATE INDEX parley_jobs_due ON parley_jobs (bot_id, run_at) WHERE failed_at IS NULL`,
}
