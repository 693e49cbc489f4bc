import type { Migration } from './migration.js'

/**
 * What Botpress code stores beside Parley's own records:
 *
 * - Workflow runs carry tags (`startNewInstance({ tags })`, found again by `getOrCreateInstance`). A turn
 *   stores the runs it started through `parley_turn_commit`; the function keeps its body (renamed) and the
 *   new one sets the tags of those runs in the same statement.
 * - Files: content in the database (`bytea`), looked up by id or by a key unique per bot.
 * - Tables code creates at run time (`createTable`): their JSON Schema, beside the physical table.
 */
export const botpress: Migration = {
  version: 8,
  name: 'workflow tags, files and run-time tables',
  sql: `
  ALTER TABLE parley_workflows ADD COLUMN tags jsonb NOT NULL DEFAULT '{}';
  CREATE INDEX parley_workflows_tags ON parley_workflows USING gin (tags jsonb_path_ops);

  ALTER FUNCTION parley_turn_commit(text, jsonb) RENAME TO parley_turn_commit_records;
  CREATE FUNCTION parley_turn_commit(p_bot text, p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
  DECLARE
    result jsonb;
  BEGIN
    result := parley_turn_commit_records(p_bot, p);
    IF p ? 'workflowTags' THEN
      UPDATE parley_workflows w SET tags = t.tags
      FROM jsonb_to_recordset(p->'workflowTags') AS t(id text, tags jsonb)
      WHERE w.bot_id = p_bot AND w.id = t.id;
    END IF;
    RETURN result;
  END;
  $$;

  CREATE TABLE parley_files (
    bot_id text NOT NULL,
    id text NOT NULL,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    key text NOT NULL,
    content bytea,
    size integer,
    content_type text NOT NULL,
    tags jsonb NOT NULL DEFAULT '{}',
    indexed boolean NOT NULL DEFAULT false,
    status text NOT NULL CHECK (status IN ('upload_pending', 'upload_completed')),
    access_policies jsonb NOT NULL DEFAULT '[]',
    expires_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (bot_id, id),
    UNIQUE (bot_id, key)
  );
  CREATE INDEX parley_files_seq ON parley_files (bot_id, seq);
  CREATE INDEX parley_files_tags ON parley_files USING gin (tags jsonb_path_ops);

  CREATE TABLE parley_runtime_tables (
    bot_id text NOT NULL,
    name text NOT NULL,
    id text NOT NULL,
    schema jsonb NOT NULL,
    tags jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (bot_id, name)
  );
  `,
}
