import type { Migration } from './migration.js'

/**
 * A turn's steps are no longer stored in its row: the steps of a batch of turns are stored together as one
 * compressed page, and each turn's row (what the indexes, the lists and the metrics read) names its page
 * and its place in it. Writing traces cost 12 % of a message's CPU on the embedded database, and that cost
 * grew with the bytes written (about 1,200 of steps per turn), not with the rows; a batch of turns' steps
 * repeats the same names and ids, so a page holds them in a seventeenth of the bytes (~70 a turn of the
 * dispatch bench); a turn's own row keeps ~200. The write fell from 95 to 55 µs of CPU a turn
 * (`bench/dispatch/trace-write.ts`). See `trace-pages.ts`.
 * - `page_id`, `page_index`: the page and the place of the turn's steps in it; `steps` stays for the rows
 *   stored before, which keep their steps there.
 * - A page is stored as it is (`EXTERNAL`): compressed already, the database's own compression would only
 *   spend time finding that out.
 * - `last_started_at`, the latest start among the page's turns: a page is deleted once every turn it holds
 *   has expired, found through a block-range index (pages arrive in time order).
 */
export const tracePages: Migration = {
  version: 20,
  name: 'trace pages',
  sql: `
  CREATE TABLE parley_trace_pages (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bot_id text NOT NULL,
    last_started_at timestamptz NOT NULL,
    steps bytea NOT NULL
  );
  ALTER TABLE parley_trace_pages ALTER COLUMN steps SET STORAGE EXTERNAL;
  CREATE INDEX parley_trace_pages_started ON parley_trace_pages USING brin (last_started_at);
  ALTER TABLE parley_traces ALTER COLUMN steps DROP NOT NULL, ADD COLUMN page_id bigint, ADD COLUMN page_index integer;
  `,
}
