import type { Migration } from './migration.js'

/**
 * The trace of each turn (which hooks and handlers ran, for how long, what they did), stored by the
 * turn's own statement: `parley_turn_commit` becomes a wrapper that inserts the trace and then applies the
 * rest as before (`parley_turn_apply`, the function of migration 7 renamed). Log records name their turn.
 */
export const traces: Migration = {
  version: 11,
  name: 'traces',
  sql: `
  CREATE TABLE parley_traces (
    bot_id text NOT NULL,
    turn_id text NOT NULL,
    kind text NOT NULL,
    conversation_id text,
    message_id text,
    event_id text,
    started_at timestamptz NOT NULL,
    duration_ms double precision NOT NULL,
    failed boolean NOT NULL,
    steps jsonb NOT NULL,
    PRIMARY KEY (bot_id, turn_id)
  );
  CREATE INDEX parley_traces_conversation ON parley_traces (bot_id, conversation_id, started_at) WHERE conversation_id IS NOT NULL;
  CREATE INDEX parley_traces_started ON parley_traces (bot_id, started_at);
  ALTER TABLE parley_logs ADD COLUMN turn_id text;
  CREATE INDEX parley_logs_turn ON parley_logs (bot_id, turn_id) WHERE turn_id IS NOT NULL;

  ALTER FUNCTION parley_turn_commit(text, jsonb) RENAME TO parley_turn_apply;
  CREATE FUNCTION parley_turn_commit(p_bot text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
  DECLARE
    t jsonb := p->'trace';
  BEGIN
    IF t IS NOT NULL THEN
      INSERT INTO parley_traces (bot_id, turn_id, kind, conversation_id, message_id, event_id, started_at, duration_ms, failed, steps)
      VALUES (p_bot, t->>'turnId', t->>'kind', t->>'conversationId', t->>'messageId', t->>'eventId', (t->>'startedAt')::timestamptz,
        (t->>'durationMs')::double precision, (t->>'failed')::boolean, t->'steps');
    END IF;
    RETURN parley_turn_apply(p_bot, p);
  END $$;
  `,
}
