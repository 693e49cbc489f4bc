import { randomUUID } from 'node:crypto'
import { loadavg } from 'node:os'
import { migrate, openDatabase, type Database } from '@parley/runtime'
import { createTraceStore } from '../../packages/runtime/src/storage/traces/traces.js'
import { PAGE_VALUES, pageParams, type TraceRow } from '../../packages/runtime/src/storage/traces/trace-batch.js'
import { encodePage, pageColumns } from '../../packages/runtime/src/storage/traces/trace-pages.js'
import type { TraceStep } from '../../packages/runtime/src/storage/traces/trace-types.js'
import { newTurnId } from '../../packages/runtime/src/storage/traces/turn-id.js'

// The write of traces alone, apart from the turns: batches of 128 turns of the dispatch bench's shape
// (ten steps, ~1.2 kB of JSON, 256 conversations) into an embedded database, three ways, each in its own
// database whose tables grow as a bot's would, so what growth costs later (pages evicted, WAL,
// checkpoints) lands in its own figure:
// - `rows`: each turn's row with its steps (the statement before migration 20);
// - `rows + page`: each turn's row naming its place in the batch's compressed page of steps (migration 20);
// - `page, first form`: one row a batch as migration 23 first wrote it, each turn's steps its own JSON
//   text (made when the turn ended), the turns' fields a JSON text of their own, put together as bytes;
// - `page`: the trace store of this build, one row a batch, its turns and their steps (as arrays) one JSON
//   text;
// - `page, Node only`: what `page` does in Node (the page and its columns) without the INSERT, so the
//   database's share of `page` is the difference.
// They take turns every few batches, the order rotating; CPU time of this process (PGlite runs in it) per
// turn, medians of the rounds and of each round's ratio to the store's. The rows hold their steps as the
// runtime records them; the writers that store text pay for their JSON.stringify, as the runtime did when
// a turn ended.
const rounds = Number(process.argv[2] ?? 40)
const batches = Number(process.argv[3] ?? 4)
const TURNS = 128

const conversations = Array.from({ length: 256 }, () => randomUUID())
let turns = 0

function turnRow(at: number): TraceRow {
  const conversationId = conversations[turns++ % conversations.length]!
  let t = 0.1
  const steps: unknown[] = ['before_incoming_message', 'moderation', 'journal', 'shout', 'after_incoming_message', 'before_outgoing_message'].map((name, index) =>
    ({ kind: 'hook', hook: index < 5 ? 'before_incoming_message' : 'before_outgoing_message', owner: 'plugin', name, startMs: (t += 0.123), durationMs: 0.045, result: 'ok' }))
  steps.push({ kind: 'handler', handler: 'message', owner: 'bot', name: 'message', startMs: (t += 0.2), durationMs: 1.234, result: 'ok' })
  steps.push({ kind: 'stateWrite', stateType: 'conversation', id: conversationId, name: 'counter', startMs: (t += 0.3) })
  steps.push({ kind: 'stateWrite', stateType: 'user', id: randomUUID(), name: 'profile', startMs: (t += 0.3) })
  steps.push({ kind: 'message', messageId: randomUUID(), type: 'text', startMs: (t += 0.1) })
  return [newTurnId(at), 'message', conversationId, randomUUID(), null, new Date(at).toISOString(), 2.5, false, steps as TraceStep[], null]
}

/** A turn's steps as JSON text, made when the turn ended before pages held their turns as one text. */
const stepsText = (row: TraceRow): string => JSON.stringify(row[8])

/** Migration 23's first page: the turns' fields, then each turn's steps, as JSON texts put together as bytes. */
function firstFormPage(rows: readonly TraceRow[]): string {
  const fields = JSON.stringify(rows.map(([t, k, c, m, e, s, d, f, , w]) => [t, k, c, m, e, s, d, f, w]))
  return encodePage([fields, ...rows.map(stepsText)])
}

/** The statement of the build before pages: every turn's steps, as their JSON text, in its own row. */
const ROW_INSERT = `INSERT INTO parley_traces (bot_id, turn_id, kind, conversation_id, message_id, event_id, started_at, duration_ms, failed, steps, workflow_id)
  SELECT $1, r.t, r.k, r.c, r.m, r.e, r.s, r.d, r.f, x.steps, r.w
  FROM ROWS FROM (json_to_recordset($2::json) AS (t text, k text, c text, m text, e text, s timestamptz, d float8, f boolean, w text))
    WITH ORDINALITY AS r(t, k, c, m, e, s, d, f, w, n)
  JOIN unnest(string_to_array($3, E'\\x01')) WITH ORDINALITY AS x(steps, n) USING (n)`

type Writer = (rows: readonly TraceRow[]) => Promise<void>

function rowWriter(db: Database): Writer {
  return async (rows) => {
    const fields = JSON.stringify(rows.map(([t, k, c, m, e, s, d, f, , w]) => ({ t, k, c, m, e, s, d, f, w })))
    await db.query(ROW_INSERT, ['bench', fields, rows.map(stepsText).join('\u0001')], { name: 'bench_rows' })
  }
}

/** Migration 20's statement: the batch's page of steps, and a row per turn naming its place in it. */
const ROWS_AND_PAGE = `WITH page AS (INSERT INTO parley_trace_pages (bot_id, last_started_at, steps) VALUES ($1, $3, decode($4, 'base64')) RETURNING id)
  INSERT INTO parley_traces (bot_id, turn_id, kind, conversation_id, message_id, event_id, started_at, duration_ms, failed, workflow_id, page_id, page_index)
  SELECT $1, r.t, r.k, r.c, r.m, r.e, r.s, r.d, r.f, r.w, page.id, r.n - 1
  FROM page, ROWS FROM (json_to_recordset($2::json) AS (t text, k text, c text, m text, e text, s timestamptz, d float8, f boolean, w text))
    WITH ORDINALITY AS r(t, k, c, m, e, s, d, f, w, n)`

function rowsAndPageWriter(db: Database): Writer {
  return async (rows) => {
    const fields = JSON.stringify(rows.map(([t, k, c, m, e, s, d, f, , w]) => ({ t, k, c, m, e, s, d, f, w })))
    await db.query(ROWS_AND_PAGE, ['bench', fields, rows[rows.length - 1]![5], encodePage(rows.map(stepsText))], { name: 'bench_rows_and_page' })
  }
}

function pageWriter(db: Database): Writer {
  const store = createTraceStore(db, 'bench', { maxRows: 1e9, delayMs: 1e9 })
  return async (rows) => {
    for (const row of rows) store.record(row)
    await store.flush()
  }
}

const PAGE_INSERT = `INSERT INTO parley_trace_pages (bot_id, first_started_at, last_started_at, conversation_ids, workflow_ids, offsets_ms, durations_ms, failed, steps)
  VALUES ($1, ${PAGE_VALUES})`

function firstFormWriter(db: Database): Writer {
  return async (rows) => {
    await db.query(PAGE_INSERT, ['bench', ...pageParams(pageColumns(rows, firstFormPage(rows)))], { name: 'bench_first_form' })
  }
}

/** Characters made, counted so that making them is not left out as unused. */
let made = 0
const nodeOnly: Writer = async (rows) => {
  made += pageParams(pageColumns(rows)).join('').length
}

async function opened(): Promise<Database> {
  const db = await openDatabase({})
  await migrate(db)
  return db
}

const writers: Record<string, Writer> = {
  rows: rowWriter(await opened()),
  'rows + page': rowsAndPageWriter(await opened()),
  'page, first form': firstFormWriter(await opened()),
  page: pageWriter(await opened()),
  'page, Node only': nodeOnly,
}
const names = Object.keys(writers)
let clock = Date.now() - 86_400_000

/** CPU µs per turn of `batches` batches, the rows made beforehand (making them is not the write). */
async function slot(write: Writer): Promise<number> {
  const made = Array.from({ length: batches }, () => Array.from({ length: TURNS }, () => turnRow((clock += 1))))
  const started = process.cpuUsage()
  for (const rows of made) await write(rows)
  const used = process.cpuUsage(started)
  return (used.user + used.system) / (batches * TURNS)
}

const loadBefore = loadavg()[0]!.toFixed(1)
for (const name of names) await slot(writers[name]!) // warm-up
const results: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]))
for (let r = 0; r < rounds; r++) {
  for (let k = 0; k < names.length; k++) {
    const name = names[(r + k) % names.length]!
    results[name]!.push(await slot(writers[name]!))
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const ratio = (name: string) => median(results[name]!.map((value, r) => value / results['page']![r]!))
console.log(`CPU per turn written (load average ${loadBefore} → ${loadavg()[0]!.toFixed(1)}; ${rounds} rounds of ${batches} batches of ${TURNS}), median, and median of each round's ratio to \`page\`:`)
for (const name of names) console.log(`  ${name.padEnd(17)} ${median(results[name]!).toFixed(1).padStart(6)} µs  ${(ratio(name) * 100).toFixed(0)} %`)
if (made === 0) throw new Error('`page, Node only` made no page')
