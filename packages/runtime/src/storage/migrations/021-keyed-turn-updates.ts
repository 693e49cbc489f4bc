import type { Migration } from './migration.js'

/**
 * A turn's commit finds each row it updates by its key, however many rows the bot has. Its updates of
 * message tags, users, conversations, event statuses and workflow tags joined the turn's JSON to the table
 * on the bot alone, and the planner, which counts a hundred rows in any JSON list and, on the embedded
 * database, has no statistics (nothing analyses it) and so takes a bot's rows for a handful, hashed every
 * row of the bot to find the few named: a turn marking one event processed read all of the bot's events
 * (at 20,000 events, 5 ms of CPU a turn where 0.5 ms do now; bench/dispatch/README.md). An array of ids
 * beside the join is not enough: the planner scans the bot's rows and filters them by it. So each named
 * row is now updated in a statement of its own by its full primary key, which the planner answers from
 * the index whatever its estimates; a turn names a few at most, and none in a turn that changes nothing
 * stored before it. The jobs a turn ran are deleted the same way. What the commit takes and returns is
 * unchanged (migration 19).
 */
export const keyedTurnUpdates: Migration = {
  version: 21,
  name: 'keyed turn updates',
  sql: `
  CREATE OR REPLACE FUNCTION parley_turn_commit(p_bot text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
  DECLARE
    r record;
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
      FOR r IN SELECT * FROM jsonb_to_recordset(p->'messageTags') AS t(id text, tags jsonb, at timestamptz) LOOP
        UPDATE parley_messages SET tags = tags || r.tags, updated_at = r.at WHERE bot_id = p_bot AND id = r.id;
      END LOOP;
    END IF;
    IF p ? 'users' THEN
      FOR r IN SELECT * FROM jsonb_to_recordset(p->'users') AS t(id text, name text, picture_url text, tags jsonb, at timestamptz) LOOP
        UPDATE parley_users SET name = coalesce(r.name, name), picture_url = coalesce(r.picture_url, picture_url), tags = tags || r.tags, updated_at = r.at
        WHERE bot_id = p_bot AND id = r.id;
      END LOOP;
    END IF;
    IF p ? 'conversations' THEN
      FOR r IN SELECT * FROM jsonb_to_recordset(p->'conversations') AS t(id text, tags jsonb, at timestamptz) LOOP
        UPDATE parley_conversations SET tags = tags || r.tags, updated_at = r.at WHERE bot_id = p_bot AND id = r.id;
      END LOOP;
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
      FOR r IN SELECT * FROM jsonb_to_recordset(p->'eventStatus') AS t(id text, status text, error text, at timestamptz) LOOP
        UPDATE parley_events SET status = r.status, error = r.error, updated_at = r.at WHERE bot_id = p_bot AND id = r.id;
      END LOOP;
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
      FOR r IN SELECT id::bigint AS id FROM jsonb_array_elements_text(p->'jobsDone') AS j(id) LOOP
        DELETE FROM parley_jobs WHERE id = r.id AND bot_id = p_bot;
      END LOOP;
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
      FOR r IN SELECT * FROM jsonb_to_recordset(p->'workflowTags') AS t(id text, tags jsonb) LOOP
        UPDATE parley_workflows SET tags = r.tags WHERE bot_id = p_bot AND id = r.id;
      END LOOP;
    END IF;
    RETURN jsonb_build_object('states', states);
  END $$;
  `,
}
