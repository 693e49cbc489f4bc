import type { Migration } from './migration.js'

/**
 * A batch of turns' traces is one row: its page now holds each turn's summary beside its steps, and the
 * row keeps, uncompressed, only what is searched or counted without opening a page. A row per turn beside
 * its page (migration 020) cost more than the page itself: writing a turn's trace took 44 µs of CPU on the
 * embedded database that way, 19 µs as one row a batch with a GIN index of its conversations
 * (`bench/dispatch/trace-write.ts`, medians of 20 interleaved rounds).
 * - `conversation_ids`: the conversations the batch's turns belong to, each once, indexed (GIN) for a
 *   conversation's turns. Without `fastupdate`: its pending list would be merged into the index by whichever
 *   write found it past 4 MB (the embedded database never vacuums), a stall of one trace write every ~80,000
 *   turns; written straight into the index each batch costs no more (24 µs a turn with it and without, measured).
 * - `workflow_ids`: the workflows whose handlers they ran; read within a workflow's lifetime through the
 *   time indexes, so not indexed (as before).
 * - `first_started_at` with `last_started_at`: the span of the batch's starts, each with a block-range index
 *   (batches arrive in time order); a turn id carries its start, so a turn is found in the pages spanning it.
 * - `offsets_ms`, `durations_ms`, `failed`: each turn's start (milliseconds after the first), duration, and
 *   the places (from 1) of the failed ones, for the metrics, which read them without opening a page.
 * Pages written before keep their turns' rows in `parley_traces` and are read through them; a page of this
 * kind is one whose `offsets_ms` is set.
 */
export const wholeTracePages: Migration = {
  version: 23,
  name: 'whole trace pages',
  sql: `
  ALTER TABLE parley_trace_pages ADD COLUMN first_started_at timestamptz, ADD COLUMN conversation_ids text[], ADD COLUMN workflow_ids text[],
    ADD COLUMN offsets_ms bigint[], ADD COLUMN durations_ms double precision[], ADD COLUMN failed integer[];
  CREATE INDEX parley_trace_pages_conversations ON parley_trace_pages USING gin (conversation_ids) WITH (fastupdate = off) WHERE offsets_ms IS NOT NULL;
  CREATE INDEX parley_trace_pages_first ON parley_trace_pages USING brin (first_started_at);
  `,
}
