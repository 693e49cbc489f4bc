import { randomUUID } from 'node:crypto'
import { loadavg } from 'node:os'
import { migrate, openDatabase, type Database } from '@parley/runtime'
import { createTraceStore } from '../../packages/runtime/src/storage/traces/traces.js'
import type { TraceRow } from '../../packages/runtime/src/storage/traces/trace-batch.js'
import { newTurnId } from '../../packages/runtime/src/storage/traces/turn-id.js'

// The write of traces alone, apart from the turns: batches of 128 turns of the dispatch bench's shape
// (ten steps, ~1.2 kB of JSON) into an embedded database, by the trace store (one compressed page per
// batch, migration 20) against the statement of the build before it (each turn's steps in its own row),
// each in its own database whose table grows as a bot's would, so what growth costs later (pages evicted,
// WAL, checkpoints) lands in its own figure. The two take turns every few batches, the order rotating;
// CPU time of this process (PGlite runs in it) per turn, medians of the rounds and of each round's ratio.
const rounds = Number(process.argv[2] ?? 40)
const batches = Number(process.argv[3] ?? 4)
const TURNS = 128

function turnRow(at: number): TraceRow {
  const conversationId = randomUUID()
  let t = 0.1
  const steps: unknown[] = ['before_incoming_message', 'moderation', 'journal', 'shout', 'after_incoming_message', 'before_outgoing_message'].map((name, index) =>
    ({ kind: 'hook', hook: index < 5 ? 'before_incoming_message' : 'before_outgoing_message', owner: 'plugin', name, startMs: (t += 0.123), durationMs: 0.045, result: 'ok' }))
  steps.push({ kind: 'handler', handler: 'message', owner: 'bot', name: 'message', startMs: (t += 0.2), durationMs: 1.234, result: 'ok' })
  steps.push({ kind: 'stateWrite', stateType: 'conversation', id: conversationId, name: 'counter', startMs: (t += 0.3) })
  steps.push({ kind: 'stateWrite', stateType: 'user', id: randomUUID(), name: 'profile', startMs: (t += 0.3) })
  steps.push({ kind: 'message', messageId: randomUUID(), type: 'text', startMs: (t += 0.1) })
  return [newTurnId(at), 'message', conversationId, randomUUID(), null, new Date(at).toISOString(), 2.5, false, JSON.stringify(steps), null]
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
    await db.query(ROW_INSERT, ['bench', fields, rows.map((row) => row[8]).join('\u0001')], { name: 'bench_rows' })
  }
}

function pageWriter(db: Database): Writer {
  const store = createTraceStore(db, 'bench', { maxRows: 1e9, delayMs: 1e9 })
  return async (rows) => {
    for (const row of rows) store.record(row)
    await store.flush()
  }
}

async function opened(): Promise<Database> {
  const db = await openDatabase({})
  await migrate(db)
  return db
}

const writers: Record<string, Writer> = { rows: rowWriter(await opened()), pages: pageWriter(await opened()) }
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
const ratio = median(results['pages']!.map((value, r) => value / results['rows']![r]!))
console.log(`CPU per turn written: steps in each turn's row ${median(results['rows']!).toFixed(1)} µs, one compressed page per batch ${median(results['pages']!).toFixed(1)} µs; median of each round's ratio ${(ratio * 100).toFixed(0)} % (load average ${loadBefore} → ${loadavg()[0]!.toFixed(1)}; ${rounds} rounds of ${batches} batches of ${TURNS})`)
