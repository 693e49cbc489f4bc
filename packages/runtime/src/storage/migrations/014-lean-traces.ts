import type { Migration } from './migration.js'

/**
 * A turn's trace costs one heap row and one index entry in a block-range summary, plus one entry in a
 * conversation's index when it has one: written on every turn, read only when a person looks.
 * - Times: a BRIN index on `started_at` (rows arrive in time order, so a block range covers a span of
 *   time), which serves the metrics, the expiry and, through the time a turn id carries, a turn by id.
 * - A conversation's turns: the one B-tree, partial, for the conversation view.
 * - No primary key: a turn id is unique by its making (a time-ordered UUID); the runtime records each
 *   turn once.
 * - The steps, the bulk of a trace, are kept as the JSON text the runtime wrote, which the database stores
 *   without parsing it (as `json` it would check every one on its way in); the reader parses them.
 * Traces stored before keep their rows; a turn whose id carries no time is found by a scan.
 * A turn that ran a workflow's handlers names the workflow, so its timeline shows each of them; it is read
 * within the workflow's lifetime through the time index, so it needs no index of its own.
 */
export const leanTraces: Migration = {
  version: 14,
  name: 'lean-traces',
  sql: `
  ALTER TABLE parley_traces DROP CONSTRAINT parley_traces_pkey;
  DROP INDEX parley_traces_started;
  CREATE INDEX parley_traces_started ON parley_traces USING brin (started_at) WITH (pages_per_range = 16);
  ALTER TABLE parley_traces ADD COLUMN workflow_id text;
  ALTER TABLE parley_traces ALTER COLUMN steps TYPE text USING steps::text;
  `,
}
