import type { Migration } from './migration.js'

/**
 * What the rest of Botpress's client needs:
 *
 * - Usage counters (`trackAnalytics`), one row per bot and name, added to in place so concurrent calls
 *   never lose a count.
 * - Passages of files stored with `index: true`, each with its full-text vector (English stemming), found
 *   by `searchFiles`; they go when their file does.
 * - A file made by `upsertFile` keeps the hash of the token its `uploadUrl` carries and when the token
 *   expires (the token itself is never stored), and the indexing statuses Botpress reports.
 */
export const bpApi: Migration = {
  version: 15,
  name: 'analytics, file search and upload tokens',
  sql: `
  CREATE TABLE parley_analytics (
    bot_id text NOT NULL,
    name text NOT NULL,
    count bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (bot_id, name)
  );

  CREATE TABLE parley_file_passages (
    bot_id text NOT NULL,
    file_id text NOT NULL,
    position integer NOT NULL,
    content text NOT NULL,
    search tsvector NOT NULL,
    PRIMARY KEY (bot_id, file_id, position),
    CONSTRAINT parley_file_passages_file_fk FOREIGN KEY (bot_id, file_id) REFERENCES parley_files (bot_id, id) ON DELETE CASCADE
  );
  CREATE INDEX parley_file_passages_search ON parley_file_passages USING gin (search);

  ALTER TABLE parley_files
    ADD COLUMN upload_token_hash text,
    ADD COLUMN upload_expires_at timestamptz,
    ADD COLUMN failed_status_reason text,
    DROP CONSTRAINT parley_files_status_check,
    ADD CONSTRAINT parley_files_status_check CHECK (status IN ('upload_pending', 'upload_completed', 'upload_failed', 'indexing_pending', 'indexing_completed', 'indexing_failed'));
  `,
}
