import type { Migration } from './migration.js'

/** Events as they were received, and what became of them. They point at records loosely, without keys. */
export const events: Migration = {
  version: 2,
  name: 'events',
  sql: `
    CREATE TABLE parley_events (
      bot_id text NOT NULL,
      id text NOT NULL,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      type text NOT NULL,
      payload jsonb NOT NULL,
      conversation_id text,
      user_id text,
      message_id text,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processed', 'failed')),
      error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (bot_id, id)
    );
    CREATE INDEX parley_events_seq ON parley_events (bot_id, seq);
    CREATE INDEX parley_events_status ON parley_events (bot_id, status, seq);
  `,
}
