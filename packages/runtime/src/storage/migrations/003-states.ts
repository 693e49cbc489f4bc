import type { Migration } from './migration.js'

/** States by owner and name; the partial index lets the expiry sweep skip states that never expire. */
export const states: Migration = {
  version: 3,
  name: 'states',
  sql: `
    CREATE TABLE parley_states (
      bot_id text NOT NULL,
      type text NOT NULL CHECK (type IN ('bot', 'user', 'conversation', 'workflow')),
      id text NOT NULL,
      name text NOT NULL,
      payload jsonb NOT NULL,
      expires_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (bot_id, type, id, name)
    );
    CREATE INDEX parley_states_expiry ON parley_states (bot_id, expires_at) WHERE expires_at IS NOT NULL;
  `,
}
