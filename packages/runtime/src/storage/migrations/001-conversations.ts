import type { Migration } from './migration.js'

/**
 * Users, conversations and their messages. Every table is keyed by bot, so one database holds many bots.
 * `seq` orders records by insertion, which timestamps cannot: rows written in one transaction share `now()`.
 */
export const conversations: Migration = {
  version: 1,
  name: 'users, conversations and messages',
  sql: `
    CREATE TABLE parley_users (
      bot_id text NOT NULL,
      id text NOT NULL,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      name text,
      picture_url text,
      tags jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (bot_id, id)
    );
    CREATE INDEX parley_users_seq ON parley_users (bot_id, seq);
    CREATE INDEX parley_users_tags ON parley_users USING gin (tags jsonb_path_ops);

    CREATE TABLE parley_conversations (
      bot_id text NOT NULL,
      id text NOT NULL,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      channel text NOT NULL,
      integration text NOT NULL,
      tags jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (bot_id, id)
    );
    CREATE INDEX parley_conversations_seq ON parley_conversations (bot_id, seq);
    CREATE INDEX parley_conversations_tags ON parley_conversations USING gin (tags jsonb_path_ops);

    CREATE TABLE parley_messages (
      bot_id text NOT NULL,
      id text NOT NULL,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      conversation_id text NOT NULL,
      user_id text NOT NULL,
      direction text NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
      type text NOT NULL,
      payload jsonb NOT NULL,
      tags jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (bot_id, id),
      CONSTRAINT parley_messages_conversation_fk FOREIGN KEY (bot_id, conversation_id) REFERENCES parley_conversations (bot_id, id) ON DELETE CASCADE,
      CONSTRAINT parley_messages_user_fk FOREIGN KEY (bot_id, user_id) REFERENCES parley_users (bot_id, id) ON DELETE CASCADE
    );
    CREATE INDEX parley_messages_conversation ON parley_messages (bot_id, conversation_id, seq);
    CREATE INDEX parley_messages_user ON parley_messages (bot_id, user_id);
    CREATE INDEX parley_messages_tags ON parley_messages USING gin (tags jsonb_path_ops);
  `,
}
