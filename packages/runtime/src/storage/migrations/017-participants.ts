import type { Migration } from './migration.js'

/**
 * A conversation's participants: users added to it, and every user who sent it a message. A trigger adds
 * the sender of each incoming message, so no code path that stores messages can forget to; existing
 * conversations get theirs from the messages already stored. Deleting the conversation or the user
 * removes the row.
 */
export const participants: Migration = {
  version: 17,
  name: 'participants',
  sql: `
  CREATE TABLE parley_participants (
    bot_id text NOT NULL,
    conversation_id text NOT NULL,
    user_id text NOT NULL,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (bot_id, conversation_id, user_id),
    CONSTRAINT parley_participants_conversation_fk FOREIGN KEY (bot_id, conversation_id) REFERENCES parley_conversations (bot_id, id) ON DELETE CASCADE,
    CONSTRAINT parley_participants_user_fk FOREIGN KEY (bot_id, user_id) REFERENCES parley_users (bot_id, id) ON DELETE CASCADE
  );
  CREATE INDEX parley_participants_seq ON parley_participants (bot_id, conversation_id, seq);
  CREATE INDEX parley_participants_user ON parley_participants (bot_id, user_id);

  CREATE FUNCTION parley_add_sender() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO parley_participants (bot_id, conversation_id, user_id) VALUES (NEW.bot_id, NEW.conversation_id, NEW.user_id)
      ON CONFLICT DO NOTHING;
    RETURN NEW;
  END $$;
  CREATE TRIGGER parley_messages_sender AFTER INSERT ON parley_messages
    FOR EACH ROW WHEN (NEW.direction = 'incoming') EXECUTE FUNCTION parley_add_sender();

  INSERT INTO parley_participants (bot_id, conversation_id, user_id)
    SELECT bot_id, conversation_id, user_id FROM parley_messages WHERE direction = 'incoming'
    GROUP BY bot_id, conversation_id, user_id ORDER BY min(seq)
    ON CONFLICT DO NOTHING`,
}
