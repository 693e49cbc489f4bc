import type { Migration } from './migration.js'

/**
 * A message's sender becomes a participant without a trigger on every stored message. Migration 17's
 * trigger ran a plpgsql call and an insert that found the row there on each incoming message, though a
 * user joins a conversation once. Now the first statement of a turn says whether its user is already a
 * participant of its conversation, and the turn's commit adds, in the same transaction, the senders of
 * its incoming messages not known to be (`participants`, each `{conversation_id, user_id}`); a message
 * stored outside a turn adds its sender in the statement that stores it. The two turn functions keep
 * what they take and return, with one more field each.
 */
export const sendersWithoutTrigger: Migration = {
  version: 19,
  name: 'senders without trigger',
  sql: `
  DROP TRIGGER parley_messages_sender ON parley_messages;
  DROP FUNCTION parley_add_sender();

  CREATE OR REPLACE FUNCTION parley_turn_load(p_bot text, p_conversation text, p_user text, p_prefetch integer) RETURNS jsonb LANGUAGE plpgsql AS $$
  BEGIN
    RETURN jsonb_build_object(
      'conversation', (SELECT jsonb_build_object('id', id, 'channel', channel, 'integration', integration, 'tags', tags,
          'created_at', parley_iso(created_at), 'updated_at', parley_iso(updated_at))
        FROM parley_conversations WHERE bot_id = p_bot AND id = p_conversation),
      'user', (SELECT jsonb_build_object('id', id, 'name', name, 'picture_url', picture_url, 'tags', tags,
          'created_at', parley_iso(created_at), 'updated_at', parley_iso(updated_at))
        FROM parley_users WHERE bot_id = p_bot AND id = p_user),
      'participant', EXISTS (SELECT FROM parley_participants WHERE bot_id = p_bot AND conversation_id = p_conversation AND user_id = p_user),
      'states', (SELECT coalesce(jsonb_agg(jsonb_build_object('type', type, 'id', id, 'name', name, 'version', version,
          'payload', CASE WHEN pg_column_size(payload) <= p_prefetch THEN payload END, 'expires_at', parley_iso(expires_at),
          'created_at', parley_iso(created_at), 'updated_at', parley_iso(updated_at))), '[]'::jsonb)
        FROM (SELECT * FROM parley_states WHERE bot_id = p_bot AND type = 'conversation' AND id = p_conversation
          UNION ALL SELECT * FROM parley_states WHERE bot_id = p_bot AND type = 'user' AND id = p_user) s
        WHERE expires_at IS NULL OR expires_at > now()));
  END $$;

  CREATE OR REPLACE FUNCTION parley_turn_commit(p_bot text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
  DECLARE
    op jsonb;
    written jsonb;
    states jsonb := '[]'::jsonb;
  BEGIN
    IF p ? 'messages' THEN
      INSERT INTO parley_messages (bot_id, id, conversation_id, user_id, direction, type, payload, tags, created_at, updated_at)
      SELECT p_bot, m.id, m.conversation_id, m.user_id, m.direction, m.type, m.payload, m.tags, m.created_at, m.created_at
      FROM ROWS FROM (jsonb_to_recordset(p->'messages') AS (id text, conversation_id text, user_id text, direction text, type text, payload jsonb, tags jsonb, created_at timestamptz))
        WITH ORDINALITY AS m(id, conversation_id, user_id, direction, type, payload, tags, created_at, n)
      ORDER BY m.n;
    END IF;
    IF p ? 'participants' THEN
      INSERT INTO parley_participants (bot_id, conversation_id, user_id)
      SELECT p_bot, s.conversation_id, s.user_id
      FROM ROWS FROM (jsonb_to_recordset(p->'participants') AS (conversation_id text, user_id text)) WITH ORDINALITY AS s(conversation_id, user_id, n)
      ORDER BY s.n
      ON CONFLICT DO NOTHING;
    END IF;
    IF p ? 'messageTags' THEN
      UPDATE parley_messages m SET tags = m.tags || t.tags, updated_at = t.at
      FROM jsonb_to_recordset(p->'messageTags') AS t(id text, tags jsonb, at timestamptz)
      WHERE m.bot_id = p_bot AND m.id = t.id;
    END IF;
    IF p ? 'users' THEN
      UPDATE parley_users u SET name = coalesce(t.name, u.name), picture_url = coalesce(t.picture_url, u.picture_url), tags = u.tags || t.tags, updated_at = t.at
      FROM jsonb_to_recordset(p->'users') AS t(id text, name text, picture_url text, tags jsonb, at timestamptz)
      WHERE u.bot_id = p_bot AND u.id = t.id;
    END IF;
    IF p ? 'conversations' THEN
      UPDATE parley_conversations c SET tags = c.tags || t.tags, updated_at = t.at
      FROM jsonb_to_recordset(p->'conversations') AS t(id text, tags jsonb, at timestamptz)
      WHERE c.bot_id = p_bot AND c.id = t.id;
    END IF;
    IF p ? 'events' THEN
      INSERT INTO parley_events (bot_id, id, type, payload, conversation_id, user_id, message_id, status, error, created_at, updated_at)
      SELECT p_bot, e.id, e.type, e.payload, e.conversation_id, e.user_id, e.message_id, e.status, e.error, e.created_at, e.created_at
      FROM ROWS FROM (jsonb_to_recordset(p->'events') AS (id text, type text, payload jsonb, conversation_id text, user_id text, message_id text,
          status text, error text, created_at timestamptz))
        WITH ORDINALITY AS e(id, type, payload, conversation_id, user_id, message_id, status, error, created_at, n)
      ORDER BY e.n;
    END IF;
    IF p ? 'eventStatus' THEN
      UPDATE parley_events e SET status = t.status, error = t.error, updated_at = t.at
      FROM jsonb_to_recordset(p->'eventStatus') AS t(id text, status text, error text, at timestamptz)
      WHERE e.bot_id = p_bot AND e.id = t.id;
    END IF;
    IF p ? 'workflows' THEN
      INSERT INTO parley_workflows (bot_id, id, name, status, input, output, error, conversation_id, user_id, timeout_at, created_at, updated_at)
      SELECT p_bot, w.id, w.name, w.status, w.input, w.output, w.error, w.conversation_id, w.user_id, w.timeout_at, w.created_at, w.created_at
      FROM ROWS FROM (jsonb_to_recordset(p->'workflows') AS (id text, name text, status text, input jsonb, output jsonb, error text,
          conversation_id text, user_id text, timeout_at timestamptz, created_at timestamptz))
        WITH ORDINALITY AS w(id, name, status, input, output, error, conversation_id, user_id, timeout_at, created_at, n)
      ORDER BY w.n;
    END IF;
    IF p ? 'jobs' THEN
      INSERT INTO parley_jobs (bot_id, kind, payload, run_at)
      SELECT p_bot, j.kind, j.payload, j.run_at
      FROM ROWS FROM (jsonb_to_recordset(p->'jobs') AS (kind text, payload jsonb, run_at timestamptz)) WITH ORDINALITY AS j(kind, payload, run_at, n)
      ORDER BY j.n;
    END IF;
    IF p ? 'jobsDone' THEN
      DELETE FROM parley_jobs WHERE bot_id = p_bot AND id IN (SELECT jsonb_array_elements_text(p->'jobsDone')::bigint);
    END IF;
    IF p ? 'states' THEN
      FOR i IN 0 .. jsonb_array_length(p->'states') - 1 LOOP
        op := p->'states'->i;
        written := parley_state_write(p_bot, op);
        IF written ? 'conflict' AND op->>'onConflict' = 'retry' THEN
          RAISE EXCEPTION 'state "%" of % "%" changed during the turn', op->>'name', op->>'type', op->>'id'
            USING ERRCODE = 'PV409', DETAIL = i::text;
        END IF;
        states := states || jsonb_build_array(written);
      END LOOP;
    END IF;
    IF p ? 'release' THEN
      -- Alone, as a turn mostly is: its row goes, and nobody waits to be told.
      DELETE FROM parley_turn_locks
      WHERE bot_id = p_bot AND conversation_id = p->'release'->>'conversation' AND jsonb_array_length(tickets) = 1
        AND (tickets->0->>0)::bigint = (p->'release'->>'ticket')::bigint;
      IF NOT FOUND THEN
        PERFORM parley_turn_release(p_bot, p->'release'->>'conversation', (p->'release'->>'ticket')::bigint);
      END IF;
    END IF;
    IF p ? 'workflowTags' THEN
      UPDATE parley_workflows w SET tags = t.tags
      FROM jsonb_to_recordset(p->'workflowTags') AS t(id text, tags jsonb)
      WHERE w.bot_id = p_bot AND w.id = t.id;
    END IF;
    RETURN jsonb_build_object('states', states);
  END $$;
  `,
}
