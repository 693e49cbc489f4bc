import type { Migration } from './migration.js'

/**
 * The trace of each turn (which hooks and handlers ran, for how long, what they did), stored by the
 * turn's own statement: `parley_turn_commit` with the trace's fields as further arguments inserts it and
 * applies the rest as the two-argument one does. The steps stay `json` (the text, checked), not `jsonb`:
 * they are written on every turn and read only when a person looks. Log records name their turn.
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
    steps json NOT NULL,
    PRIMARY KEY (bot_id, turn_id)
  );
  CREATE INDEX parley_traces_conversation ON parley_traces (bot_id, conversation_id, started_at) WHERE conversation_id IS NOT NULL;
  CREATE INDEX parley_traces_started ON parley_traces (bot_id, started_at);
  ALTER TABLE parley_logs ADD COLUMN turn_id text;
  CREATE INDEX parley_logs_turn ON parley_logs (bot_id, turn_id) WHERE turn_id IS NOT NULL;

  -- The trace's fields come as parameters, the steps as JSON text checked once: no document to take apart.
  CREATE FUNCTION parley_turn_commit(p_bot text, p jsonb, t_turn text, t_kind text, t_conversation text, t_message text, t_event text,
    t_started timestamptz, t_duration double precision, t_failed boolean, t_steps json) RETURNS jsonb LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO parley_traces (bot_id, turn_id, kind, conversation_id, message_id, event_id, started_at, duration_ms, failed, steps)
    VALUES (p_bot, t_turn, t_kind, t_conversation, t_message, t_event, t_started, t_duration, t_failed, t_steps);
    RETURN parley_turn_commit(p_bot, p);
  END $$;
  `,
}
