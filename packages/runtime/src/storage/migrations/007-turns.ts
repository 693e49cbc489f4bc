import type { Migration } from './migration.js'

/**
 * A turn (the handling of one message or event) is written by one statement at its end, and the turns of
 * one conversation take tickets so they run one at a time, in order, across processes.
 *
 * - States carry a version: 1 on the first write, one more on each write.
 * - `parley_turn_locks` holds, per conversation, the tickets of the turns waiting or running, each with a
 *   lease (milliseconds of the database's clock). The lowest leased ticket runs; a process that dies stops
 *   extending its lease and the next ticket runs once it ends. The table is unlogged: taking a ticket
 *   writes no WAL and waits for no flush, and a server crash only empties it, which frees every
 *   conversation.
 * - `parley_turn_begin` takes a ticket and, when no other is ahead, loads what a turn reads first (the
 *   conversation, the user, their small states) in the same statement.
 * - `parley_turn_commit` applies a turn's writes, given as one JSON document, and releases its ticket.
 */
export const turns: Migration = {
  version: 7,
  name: 'turns',
  sql: `
  ALTER TABLE parley_states ADD COLUMN version integer NOT NULL DEFAULT 1;

  CREATE UNLOGGED TABLE parley_turn_locks (
    bot_id text NOT NULL,
    conversation_id text NOT NULL,
    next_ticket bigint NOT NULL,
    tickets jsonb NOT NULL,
    PRIMARY KEY (bot_id, conversation_id)
  );

  -- A timestamp as JavaScript writes it (2024-05-01T12:00:00.000Z), so it is passed on as it comes.
  CREATE FUNCTION parley_iso(at timestamptz) RETURNS text LANGUAGE sql STABLE
    AS $$ SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;

  CREATE FUNCTION parley_clock_ms() RETURNS bigint LANGUAGE sql VOLATILE
    AS $$ SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint $$;

  -- The tickets of a lock still leased now, lowest first; each ticket is [number, leased until (ms)].
  CREATE FUNCTION parley_live_tickets(tickets jsonb) RETURNS jsonb LANGUAGE sql VOLATILE AS $$
    SELECT coalesce(jsonb_agg(t ORDER BY (t->>0)::bigint), '[]'::jsonb)
    FROM jsonb_array_elements(tickets) t WHERE (t->>1)::bigint > parley_clock_ms()
  $$;

  -- What a ticket holder is told: its ticket, the leased tickets ahead of it, and the clock they are read on.
  CREATE FUNCTION parley_ticket_state(held jsonb, ticket bigint) RETURNS jsonb LANGUAGE sql VOLATILE AS $$
    SELECT jsonb_build_object('ticket', ticket, 'now', parley_clock_ms(), 'ahead',
      (SELECT coalesce(jsonb_agg(t ORDER BY (t->>0)::bigint), '[]'::jsonb) FROM jsonb_array_elements(held) t WHERE (t->>0)::bigint < ticket))
  $$;

  -- A new ticket, after every leased one; the row lock makes concurrent takers line up in commit order.
  CREATE FUNCTION parley_turn_take(p_bot text, p_conversation text, p_lease_ms integer) RETURNS jsonb LANGUAGE plpgsql AS $$
  DECLARE
    taken bigint;
    held jsonb;
  BEGIN
    INSERT INTO parley_turn_locks AS l (bot_id, conversation_id, next_ticket, tickets)
    VALUES (p_bot, p_conversation, 1, jsonb_build_array(jsonb_build_array(1, parley_clock_ms() + p_lease_ms)))
    ON CONFLICT (bot_id, conversation_id) DO UPDATE SET
      next_ticket = l.next_ticket + 1,
      tickets = parley_live_tickets(l.tickets) || jsonb_build_array(jsonb_build_array(l.next_ticket + 1, parley_clock_ms() + p_lease_ms))
    RETURNING l.next_ticket, l.tickets INTO taken, held;
    IF jsonb_array_length(held) = 1 THEN
      RETURN jsonb_build_object('ticket', taken, 'now', (held->0->>1)::bigint - p_lease_ms, 'ahead', '[]'::jsonb);
    END IF;
    RETURN parley_ticket_state(held, taken);
  END $$;

  -- Extends a ticket's lease and says what is ahead of it; NULL when its lease ran out (it lost its place).
  CREATE FUNCTION parley_turn_check(p_bot text, p_conversation text, p_ticket bigint, p_lease_ms integer) RETURNS jsonb LANGUAGE plpgsql AS $$
  DECLARE
    held jsonb;
  BEGIN
    UPDATE parley_turn_locks l SET tickets = (
      SELECT coalesce(jsonb_agg(CASE WHEN (t->>0)::bigint = p_ticket THEN jsonb_build_array(p_ticket, parley_clock_ms() + p_lease_ms) ELSE t END
        ORDER BY (t->>0)::bigint), '[]'::jsonb)
      FROM jsonb_array_elements(l.tickets) t WHERE (t->>1)::bigint > parley_clock_ms())
    WHERE bot_id = p_bot AND conversation_id = p_conversation
    RETURNING tickets INTO held;
    IF held IS NULL OR NOT EXISTS (SELECT 1 FROM jsonb_array_elements(held) t WHERE (t->>0)::bigint = p_ticket) THEN
      RETURN NULL;
    END IF;
    RETURN parley_ticket_state(held, p_ticket);
  END $$;

  -- Gives a ticket back; tells waiting processes (LISTEN parley_turns) when some are left.
  CREATE FUNCTION parley_turn_release(p_bot text, p_conversation text, p_ticket bigint) RETURNS void LANGUAGE plpgsql AS $$
  DECLARE
    rest jsonb;
  BEGIN
    -- Alone, as a turn mostly is: the row goes, and nobody waits to be told.
    DELETE FROM parley_turn_locks
    WHERE bot_id = p_bot AND conversation_id = p_conversation AND jsonb_array_length(tickets) = 1 AND (tickets->0->>0)::bigint = p_ticket;
    IF FOUND THEN
      RETURN;
    END IF;
    UPDATE parley_turn_locks l SET tickets = (
      SELECT coalesce(jsonb_agg(t ORDER BY (t->>0)::bigint), '[]'::jsonb)
      FROM jsonb_array_elements(l.tickets) t WHERE (t->>0)::bigint <> p_ticket AND (t->>1)::bigint > parley_clock_ms())
    WHERE bot_id = p_bot AND conversation_id = p_conversation
    RETURNING tickets INTO rest;
    IF rest = '[]'::jsonb THEN
      DELETE FROM parley_turn_locks WHERE bot_id = p_bot AND conversation_id = p_conversation;
    ELSIF rest IS NOT NULL THEN
      PERFORM pg_notify('parley_turns', jsonb_build_array(p_bot, p_conversation)::text);
    END IF;
  END $$;

  -- What a turn reads first: its conversation, its user, and their live states. Payloads over p_prefetch
  -- bytes are left out (NULL), to be read when asked for; a state not listed does not exist.
  CREATE FUNCTION parley_turn_load(p_bot text, p_conversation text, p_user text, p_prefetch integer) RETURNS jsonb LANGUAGE plpgsql AS $$
  BEGIN
    RETURN jsonb_build_object(
      'conversation', (SELECT jsonb_build_object('id', id, 'channel', channel, 'integration', integration, 'tags', tags,
          'created_at', parley_iso(created_at), 'updated_at', parley_iso(updated_at))
        FROM parley_conversations WHERE bot_id = p_bot AND id = p_conversation),
      'user', (SELECT jsonb_build_object('id', id, 'name', name, 'picture_url', picture_url, 'tags', tags,
          'created_at', parley_iso(created_at), 'updated_at', parley_iso(updated_at))
        FROM parley_users WHERE bot_id = p_bot AND id = p_user),
      'states', (SELECT coalesce(jsonb_agg(jsonb_build_object('type', type, 'id', id, 'name', name, 'version', version,
          'payload', CASE WHEN pg_column_size(payload) <= p_prefetch THEN payload END, 'expires_at', parley_iso(expires_at),
          'created_at', parley_iso(created_at), 'updated_at', parley_iso(updated_at))), '[]'::jsonb)
        FROM parley_states
        WHERE bot_id = p_bot AND ((type = 'conversation' AND id = p_conversation) OR (type = 'user' AND id = p_user))
          AND (expires_at IS NULL OR expires_at > now())));
  END $$;

  -- The first statement of a turn: a ticket when p_lease_ms is given, then (when it is this ticket's turn)
  -- the records the turn starts from.
  CREATE FUNCTION parley_turn_begin(p_bot text, p_conversation text, p_user text, p_lease_ms integer, p_prefetch integer)
  RETURNS jsonb LANGUAGE plpgsql AS $$
  DECLARE
    ticket jsonb;
  BEGIN
    IF p_lease_ms IS NOT NULL THEN
      ticket := parley_turn_take(p_bot, p_conversation, p_lease_ms);
      IF ticket->'ahead' <> '[]'::jsonb THEN
        RETURN jsonb_build_object('ticket', ticket);
      END IF;
    END IF;
    RETURN jsonb_build_object('ticket', ticket, 'records', parley_turn_load(p_bot, p_conversation, p_user, p_prefetch));
  END $$;

  -- One state write of a turn: put (expect: the version it must have, 0 for none), getOrPut, merge (top-level
  -- fields, in SQL) or delete. Returns the row as written, {"existing": row} when getOrPut found one, or
  -- {"conflict": true, "version": current} when the expected version was not there.
  CREATE FUNCTION parley_state_write(p_bot text, op jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
  DECLARE
    r parley_states;
    expect integer := (op->>'expect')::integer;
    expires timestamptz := CASE WHEN op->>'expiry' IS NULL THEN NULL ELSE now() + (op->>'expiry')::double precision * interval '1 millisecond' END;
    found_version integer;
  BEGIN
    IF op->>'write' = 'merge' THEN
      UPDATE parley_states SET payload = payload || (op->'payload'), expires_at = expires, updated_at = now(), version = version + 1
      WHERE bot_id = p_bot AND type = op->>'type' AND id = op->>'id' AND name = op->>'name'
        AND (expires_at IS NULL OR expires_at > now()) AND (expect IS NULL OR version = expect)
      RETURNING * INTO r;
    ELSIF op->>'write' = 'delete' THEN
      DELETE FROM parley_states
      WHERE bot_id = p_bot AND type = op->>'type' AND id = op->>'id' AND name = op->>'name'
        AND (expect IS NULL OR (version = expect AND (expires_at IS NULL OR expires_at > now())))
      RETURNING * INTO r;
      IF FOUND OR expect IS NULL THEN
        RETURN jsonb_build_object('deleted', FOUND);
      END IF;
    ELSIF expect IS NULL OR expect = 0 THEN
      INSERT INTO parley_states AS s (bot_id, type, id, name, payload, expires_at, version)
      VALUES (p_bot, op->>'type', op->>'id', op->>'name', op->'payload', expires, 1)
      ON CONFLICT (bot_id, type, id, name) DO UPDATE SET payload = excluded.payload, expires_at = excluded.expires_at, updated_at = now(),
        version = CASE WHEN s.expires_at <= now() THEN 1 ELSE s.version + 1 END,
        created_at = CASE WHEN s.expires_at <= now() THEN now() ELSE s.created_at END
      WHERE expect IS NULL OR s.expires_at <= now()
      RETURNING * INTO r;
      IF NOT FOUND AND op->>'write' = 'getOrPut' THEN
        SELECT * INTO r FROM parley_states WHERE bot_id = p_bot AND type = op->>'type' AND id = op->>'id' AND name = op->>'name';
        RETURN jsonb_build_object('existing', to_jsonb(r));
      END IF;
    ELSE
      UPDATE parley_states SET payload = op->'payload', expires_at = expires, updated_at = now(), version = version + 1
      WHERE bot_id = p_bot AND type = op->>'type' AND id = op->>'id' AND name = op->>'name'
        AND version = expect AND (expires_at IS NULL OR expires_at > now())
      RETURNING * INTO r;
    END IF;
    IF FOUND THEN
      -- The payload only when SQL made it (a merge): the caller has the rest.
      RETURN jsonb_build_object('type', r.type, 'id', r.id, 'name', r.name, 'version', r.version, 'expires_at', r.expires_at,
        'created_at', r.created_at, 'updated_at', r.updated_at, 'payload', CASE WHEN op->>'write' = 'merge' THEN r.payload END);
    END IF;
    SELECT version INTO found_version FROM parley_states
    WHERE bot_id = p_bot AND type = op->>'type' AND id = op->>'id' AND name = op->>'name' AND (expires_at IS NULL OR expires_at > now());
    RETURN jsonb_build_object('conflict', true, 'version', coalesce(found_version, 0));
  END $$;

  -- Applies a turn's writes at once. A state write that finds another version than it expects either skips
  -- (reported back) or, with "onConflict": "retry", undoes the whole commit (SQLSTATE PV409, DETAIL: its
  -- index) so the caller can apply its updates to the latest versions and commit again.
  CREATE FUNCTION parley_turn_commit(p_bot text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
  DECLARE
    op jsonb;
    i integer := 0;
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
    FOR op IN SELECT jsonb_array_elements(coalesce(p->'states', '[]'::jsonb)) LOOP
      written := parley_state_write(p_bot, op);
      IF written ? 'conflict' AND op->>'onConflict' = 'retry' THEN
        RAISE EXCEPTION 'state "%" of % "%" changed during the turn', op->>'name', op->>'type', op->>'id'
          USING ERRCODE = 'PV409', DETAIL = i::text;
      END IF;
      states := states || jsonb_build_array(written);
      i := i + 1;
    END LOOP;
    IF p ? 'release' THEN
      PERFORM parley_turn_release(p_bot, p->'release'->>'conversation', (p->'release'->>'ticket')::bigint);
    END IF;
    RETURN jsonb_build_object('states', states);
  END $$;
  `,
}
