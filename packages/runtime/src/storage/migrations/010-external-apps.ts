import type { Migration } from './migration.js'

/**
 * External HTTP apps a bot delivers to: the installed apps with their signing secrets (newest first) and
 * when each last looked for news (`ticked_at`), how far each app has been sent each conversation
 * (`cursor_seq` for transcript batches, `memory_seq` for the last conversation end delivered), and every
 * delivery attempt for people to look at. Messages get an index by time, so an app's tick reads only the
 * recent ones however long the history.
 */
export const externalApps: Migration = {
  version: 10,
  name: 'external apps',
  sql: `
    CREATE TABLE parley_apps (
      bot_id text NOT NULL,
      id text NOT NULL,
      manifest jsonb NOT NULL,
      trigger text NOT NULL,
      webhook_url text NOT NULL,
      secrets jsonb NOT NULL,
      interval_seconds integer NOT NULL,
      memory_after_seconds integer NOT NULL,
      installed_at timestamptz NOT NULL DEFAULT now(),
      ticked_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (bot_id, id)
    );
    CREATE INDEX parley_messages_created ON parley_messages (bot_id, created_at);
    CREATE TABLE parley_app_cursors (
      bot_id text NOT NULL,
      app_id text NOT NULL,
      conversation_id text NOT NULL,
      cursor_seq bigint NOT NULL DEFAULT 0,
      memory_seq bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (bot_id, app_id, conversation_id),
      FOREIGN KEY (bot_id, app_id) REFERENCES parley_apps (bot_id, id) ON DELETE CASCADE
    );
    CREATE TABLE parley_app_deliveries (
      bot_id text NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      app_id text NOT NULL,
      trigger text NOT NULL,
      conversation_id text NOT NULL,
      user_id text NOT NULL,
      attempt integer NOT NULL,
      status text NOT NULL,
      http_status integer,
      latency_ms integer,
      error text,
      reply_message_id text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX parley_app_deliveries_app ON parley_app_deliveries (bot_id, app_id, id);
  `,
}
