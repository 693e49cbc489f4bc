import type { Migration } from './migration.js'

/**
 * A tag written `''` is removed, as Botpress removes it: on users, conversations, messages and workflow
 * runs, whichever way it is written. Every writer merges tags with `||` (the stores' updates, the turn's
 * commit statement, the HTTP API through them), and `||` can only add keys, so the rule lives at the
 * tables: a trigger drops the empty keys from the row being written, and only fires (`WHEN`) for a row
 * that has one, so the messages every turn stores pay a jsonpath test and no function call. Rows that
 * kept an empty tag lose it here, so filters and listings agree with what reads show.
 */
export const emptyTagsRemoved: Migration = {
  version: 22,
  name: 'empty tags removed',
  sql: `
  CREATE FUNCTION parley_drop_empty_tags() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    NEW.tags := NEW.tags - ARRAY(SELECT key FROM jsonb_each_text(NEW.tags) WHERE value = '');
    RETURN NEW;
  END $$;
  CREATE TRIGGER parley_users_empty_tags BEFORE INSERT OR UPDATE OF tags ON parley_users
    FOR EACH ROW WHEN (NEW.tags @? '$.* ? (@ == "")') EXECUTE FUNCTION parley_drop_empty_tags();
  CREATE TRIGGER parley_conversations_empty_tags BEFORE INSERT OR UPDATE OF tags ON parley_conversations
    FOR EACH ROW WHEN (NEW.tags @? '$.* ? (@ == "")') EXECUTE FUNCTION parley_drop_empty_tags();
  CREATE TRIGGER parley_messages_empty_tags BEFORE INSERT OR UPDATE OF tags ON parley_messages
    FOR EACH ROW WHEN (NEW.tags @? '$.* ? (@ == "")') EXECUTE FUNCTION parley_drop_empty_tags();
  CREATE TRIGGER parley_workflows_empty_tags BEFORE INSERT OR UPDATE OF tags ON parley_workflows
    FOR EACH ROW WHEN (NEW.tags @? '$.* ? (@ == "")') EXECUTE FUNCTION parley_drop_empty_tags();
  UPDATE parley_users SET tags = tags WHERE tags @? '$.* ? (@ == "")';
  UPDATE parley_conversations SET tags = tags WHERE tags @? '$.* ? (@ == "")';
  UPDATE parley_messages SET tags = tags WHERE tags @? '$.* ? (@ == "")';
  UPDATE parley_workflows SET tags = tags WHERE tags @? '$.* ? (@ == "")'`,
}
