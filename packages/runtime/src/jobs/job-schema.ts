/** Durable work: due at `run_at`, claimed by one process at a time until `locked_until`. */
export const JOBS_TABLE = `
  CREATE TABLE IF NOT EXISTS parley_jobs (
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
  CREATE UNIQUE INDEX IF NOT EXISTS parley_jobs_key ON parley_jobs (bot_id, key) WHERE key IS NOT NULL;
  CREATE INDEX IF NOT EXISTS parley_jobs_due ON parley_jobs (bot_id, run_at) WHERE failed_at IS NULL`
