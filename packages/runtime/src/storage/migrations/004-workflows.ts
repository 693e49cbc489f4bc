import type { Migration } from './migration.js'

/** Workflow runs; the partial index finds running ones past their timeout without scanning finished ones. */
export const workflows: Migration = {
  version: 4,
  name: 'workflows',
  sql: `
    CREATE TABLE parley_workflows (
      bot_id text NOT NULL,
      id text NOT NULL,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      name text NOT NULL,
      status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'in_progress', 'completed', 'failed', 'cancelled', 'timed_out')),
      input jsonb NOT NULL,
      output jsonb,
      error text,
      conversation_id text,
      user_id text,
      timeout_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (bot_id, id)
    );
    CREATE INDEX parley_workflows_seq ON parley_workflows (bot_id, seq);
    CREATE INDEX parley_workflows_name ON parley_workflows (bot_id, name, status);
    CREATE INDEX parley_workflows_timeout ON parley_workflows (bot_id, timeout_at)
      WHERE timeout_at IS NOT NULL AND status IN ('pending', 'in_progress');
  `,
}
