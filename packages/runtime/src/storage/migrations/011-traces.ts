import type { Migration } from './migration.js'

/**
 * The trace of each turn (which hooks and handlers ran, for how long, what they did), stored by the
 * turn's own statement: `parley_turn_commit` with a third argument, the trace as JSON text, inserts it and
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

  CREATE FUNCTION parley_trace_insert(p_bot text, p_trace text) RETURNS void LANGUAGE sql AS $$
    INSERT INTO parley_traces (bot_id, turn_id, kind, conversation_id, message_id, event_id, started_at, duration_ms, failed, steps)
    SELECT p_bot, t."turnId", t.kind, t."conversationId", t."messageId", t."eventId", t."startedAt", t."durationMs", t.failed, t.steps
    FROM json_to_record(p_trace::json) AS t("turnId" text, kind text, "conversationId" text, "messageId" text, "eventId" text,
      "startedAt" timestamptz, "durationMs" double precision, failed boolean, steps json)
  $$;

  CREATE FUNCTION parley_turn_commit(p_bot text, p jsonb, p_trace text) RETURNS jsonb LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM parley_trace_insert(p_bot, p_trace);
    RETURN parley_turn_commit(p_bot, p);
  END $$;
  `,
}
