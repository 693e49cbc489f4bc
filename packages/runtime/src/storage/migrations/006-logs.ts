import type { Migration } from './migration.js'

/** Log records, kept for the dashboard; each points loosely at what was being handled when it was written. */
export const logs: Migration = {
  version: 6,
  name: 'logs',
  sql: `
  CREATE TABLE parley_logs (
    bot_id text NOT NULL,
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    level text NOT NULL,
    audience text NOT NULL,
    source text NOT NULL,
    message text NOT NULL,
    data jsonb,
    conversation_id text,
    user_id text,
    message_id text,
    event_id text,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX parley_logs_message ON parley_logs (bot_id, message_id) WHERE message_id IS NOT NULL;
  CREATE INDEX parley_logs_conversation ON parley_logs (bot_id, conversation_id, seq)`,
}
