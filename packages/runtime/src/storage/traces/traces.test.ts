import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDrivers, type TestDatabase } from '../testing/test-databases.js'
import { migrate } from '../migrations/index.js'
import type { TraceRow } from './trace-batch.js'
import { createTraceStore, type TraceStore } from './traces.js'
import { PAGE_VALUES, pageParams } from './trace-batch.js'
import { encodePage, pageColumns } from './trace-pages.js'
import { newTurnId, turnIdTime } from './turn-id.js'

// A turn begins when its id says, as the runtime makes them.
const row = (turnId: string, conversationId: string | null, steps: unknown[] = [], startedAt = new Date(turnIdTime(turnId) ?? Date.now())): TraceRow =>
  [turnId, 'message', conversationId, null, null, startedAt.toISOString(), 1.5, false, JSON.stringify(steps), null]

const workflowRow = (turnId: string, conversationId: string, workflowId: string, steps: unknown[], startedAt = new Date()): TraceRow =>
  [turnId, 'message', conversationId, null, null, startedAt.toISOString(), 1.5, false, JSON.stringify(steps), workflowId]

describe.each(testDrivers())('turn traces on $name', (driver) => {
  let testDb: TestDatabase
  let errors: unknown[]
  // A batch that never fills and a timer that never fires in a test: only reads and close write it.
  const open = (botId: string): TraceStore => createTraceStore(testDb.db, botId, { maxRows: 1_000_000, delayMs: 3_600_000, onError: (error) => errors.push(error) })

  beforeAll(async () => {
    testDb = await driver.open()
    await migrate(testDb.db)
  })
  afterAll(() => testDb.dispose())

  it('makes a recorded trace readable by the next read, with its steps', async () => {
    errors = []
    const traces = open('bot-a')
    const step = { kind: 'stateRead', stateType: 'user', id: 'u\u0000x', name: '__proto__', startMs: 0.25 }
    const id = newTurnId(Date.now())
    traces.record(row(id, 'conv-1', [step]))
    expect(await traces.get(id)).toMatchObject({ turnId: id, conversationId: 'conv-1', durationMs: 1.5, failed: false, steps: [step] })
    expect((await traces.get(id))).not.toHaveProperty('messageId')
    expect(errors).toEqual([])
  })

  it('writes many turns in one batch, each readable by conversation and in the metrics', async () => {
    errors = []
    const traces = open('bot-b')
    for (let index = 0; index < 500; index++) traces.record(row(newTurnId(Date.now()), `conv-${index % 5}`))
    expect(await traces.listByConversation('conv-3', 1000)).toHaveLength(100)
    const buckets = await traces.metrics(new Date(Date.now() - 60_000), new Date())
    expect(buckets.reduce((sum, bucket) => sum + bucket.turns, 0)).toBe(500)
    expect(errors).toEqual([])
  })

  it('finds a turn by an id that carries its time, among turns of the same millisecond and of other days', async () => {
    const traces = open('bot-f')
    const at = new Date('2026-11-30T10:00:00.123Z')
    const ids = [newTurnId(at.getTime()), newTurnId(at.getTime()), newTurnId(at.getTime() + 86_400_000)]
    expect(turnIdTime(ids[0]!)).toBe(at.getTime())
    traces.record(row(ids[0]!, 'conv-f', [], at))
    traces.record(row(ids[1]!, 'conv-f', [], at))
    traces.record(row(ids[2]!, 'conv-f', [], new Date(at.getTime() + 86_400_000)))
    for (const id of ids) expect(await traces.get(id)).toMatchObject({ turnId: id, conversationId: 'conv-f' })
    expect(await traces.get(newTurnId(at.getTime()))).toBeUndefined()
    expect(await open('bot-other').get(ids[0]!)).toBeUndefined()
  })

  it('expires turns that began before the time given, and keeps the rest', async () => {
    const traces = open('bot-g')
    const old = new Date(Date.now() - 8 * 86_400_000)
    traces.record(row(newTurnId(old.getTime()), 'conv-g', [], old))
    traces.record(row(newTurnId(Date.now()), 'conv-g', []))
    expect(await traces.expire(new Date(Date.now() - 7 * 86_400_000))).toBe(1)
    expect(await traces.listByConversation('conv-g', 10)).toHaveLength(1)
  })

  it('gives each turn its own steps, across batches, by id, by conversation and by workflow', async () => {
    const traces = open('bot-h')
    const t0 = Date.now() - 10_000
    const ids = Array.from({ length: 7 }, (_, index) => newTurnId(t0 + index))
    const stepsOf = (index: number) => [{ kind: 'message', messageId: `m-${index}`, type: 'text', startMs: index }]
    const record = (index: number) => traces.record(workflowRow(ids[index]!, 'conv-h', 'wf-h', stepsOf(index), new Date(t0 + index)))
    for (const index of [0, 1, 2]) record(index)
    await traces.flush()
    for (const index of [3, 4, 5, 6]) record(index)
    expect(await traces.get(ids[5]!)).toMatchObject({ turnId: ids[5], steps: stepsOf(5) })
    const byConversation = await traces.listByConversation('conv-h', 5)
    expect(byConversation.map((trace) => [trace.turnId, trace.steps])).toEqual([2, 3, 4, 5, 6].map((index) => [ids[index], stepsOf(index)]))
    const byWorkflow = await traces.listByWorkflow('wf-h', new Date(t0), new Date(t0 + 5), 10)
    expect(byWorkflow.map((trace) => [trace.turnId, trace.workflowId, trace.steps])).toEqual([0, 1, 2, 3, 4, 5].map((index) => [ids[index], 'wf-h', stepsOf(index)]))
  })

  it('reads turns stored before their steps were paged, with the steps in their own row', async () => {
    const traces = open('bot-i')
    const at = new Date(Date.now() - 5_000)
    const steps = [{ kind: 'stateWrite', stateType: 'conversation', id: 'conv-i', name: 'n', startMs: 0.5 }]
    const old = newTurnId(at.getTime())
    await testDb.db.query(`INSERT INTO parley_traces (bot_id, turn_id, kind, conversation_id, message_id, event_id, started_at, duration_ms, failed, steps, workflow_id)
      VALUES ('bot-i', $1, 'message', 'conv-i', 'msg-i', NULL, $2, 2.5, true, $3, 'wf-i')`, [old, at.toISOString(), JSON.stringify(steps)])
    traces.record(workflowRow(newTurnId(Date.now()), 'conv-i', 'wf-i', [{ kind: 'message', messageId: 'm', type: 'text', startMs: 1 }]))
    const expected = { turnId: old, kind: 'message', conversationId: 'conv-i', messageId: 'msg-i', workflowId: 'wf-i', startedAt: at.toISOString(), durationMs: 2.5, failed: true, steps }
    expect(await traces.get(old)).toEqual(expected)
    expect((await traces.listByConversation('conv-i', 10))[0]).toEqual(expected)
    expect((await traces.listByWorkflow('wf-i', at, new Date(), 10))[0]).toEqual(expected)
    expect(await traces.listByWorkflow('wf-i', at, new Date(), 10)).toHaveLength(2)
  })

  it('stores hostile steps exactly as recorded: NUL, lone surrogates, __proto__ keys, a megabyte of stack', async () => {
    errors = []
    const traces = open('bot-j')
    const error = JSON.parse('{"message":"\\u0000 \\ud800 \\u0001 x","stack":"","__proto__":{"polluted":true}}') as Record<string, unknown>
    error.stack = `at \udfff ${'frame\n'.repeat(200_000)}`
    const steps = [{ kind: 'action', owner: '__proto__', name: 'constructor', startMs: 0, durationMs: 1e308, result: 'error', error }]
    const id = newTurnId(Date.now())
    traces.record(row(id, 'conv-j', steps))
    const read = await traces.get(id)
    expect(read?.steps).toEqual(steps)
    expect(Object.keys(read!.steps[0]!)).toContain('error')
    expect(Object.getPrototypeOf((read!.steps[0] as { error: object }).error)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(errors).toEqual([])
  })

  it("keeps a batch's steps while one of its turns is kept, and frees them once all expired", async () => {
    const traces = open('bot-k')
    const pages = async () => (await testDb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM parley_trace_pages WHERE bot_id = 'bot-k'`)).rows[0]!.n
    const day = 86_400_000
    const older = new Date(Date.now() - 9 * day)
    const old = new Date(Date.now() - 8 * day)
    const steps = [{ kind: 'event', name: 'e', eventId: 'ev', startMs: 0 }]
    traces.record(row(newTurnId(older.getTime()), 'conv-k', steps, older))
    await traces.flush()
    traces.record(row(newTurnId(old.getTime()), 'conv-k', steps, old))
    const kept = newTurnId(Date.now())
    traces.record(row(kept, 'conv-k', steps))
    await traces.flush()
    expect(await pages()).toBe(2)
    expect(await traces.expire(new Date(Date.now() - 7 * day))).toBe(2)
    expect(await pages()).toBe(1)
    expect(await traces.get(kept)).toMatchObject({ steps })
    expect(await traces.expire(new Date(Date.now() + 1000))).toBe(1)
    expect(await pages()).toBe(0)
    expect(await traces.listByConversation('conv-k', 10)).toEqual([])
  })

  it("finds a conversation's latest turns when a batch that ended earlier holds a later one", async () => {
    const traces = open('bot-l')
    const t0 = Date.now() - 60_000
    const at = (ms: number) => new Date(t0 + ms)
    const long = newTurnId(t0 + 10)
    const later = newTurnId(t0 + 50)
    // The first batch holds the conversation's turn at 50 ms and ends at 300; the second, ending last, holds only a turn that began at 10 (a long one).
    traces.record(row(later, 'conv-l', [], at(50)))
    traces.record(row(newTurnId(t0 + 300), 'conv-other', [], at(300)))
    await traces.flush()
    traces.record(row(long, 'conv-l', [], at(10)))
    traces.record(row(newTurnId(t0 + 400), 'conv-other', [], at(400)))
    expect((await traces.listByConversation('conv-l', 1)).map((trace) => trace.turnId)).toEqual([later])
    expect((await traces.listByConversation('conv-l', 5)).map((trace) => trace.turnId)).toEqual([long, later])
    expect((await traces.listByWorkflow('wf-none', at(0), at(500), 5))).toEqual([])
    expect(await traces.listByConversation('conv-l', 0)).toEqual([])
  })

  it('reads turns whose steps a page held beside their own rows, with the turns stored since, in lists and metrics', async () => {
    const traces = open('bot-m')
    const at = new Date(Date.now() - 3_000)
    const steps = [[{ kind: 'event', name: 'a', eventId: 'e-a', startMs: 0 }], [{ kind: 'event', name: 'b', eventId: 'e-b', startMs: 1 }]]
    const ids = [newTurnId(at.getTime()), newTurnId(at.getTime() + 1)]
    const { rows } = await testDb.db.query<{ id: string }>(`INSERT INTO parley_trace_pages (bot_id, last_started_at, steps) VALUES ('bot-m', $1, decode($2, 'base64')) RETURNING id::text AS id`,
      [new Date(at.getTime() + 1).toISOString(), encodePage(steps.map((list) => JSON.stringify(list)))])
    for (const index of [0, 1]) {
      await testDb.db.query(`INSERT INTO parley_traces (bot_id, turn_id, kind, conversation_id, started_at, duration_ms, failed, page_id, page_index, workflow_id)
        VALUES ('bot-m', $1, 'event', 'conv-m', $2, 4, $3, $4::bigint, $5, 'wf-m')`, [ids[index], new Date(at.getTime() + index).toISOString(), index === 1, rows[0]!.id, index])
    }
    const now = newTurnId(Date.now())
    traces.record([now, 'message', 'conv-m', null, null, new Date().toISOString(), 8, true, '[]', 'wf-m'])
    expect(await traces.get(ids[1]!)).toMatchObject({ turnId: ids[1], failed: true, steps: steps[1] })
    expect((await traces.listByConversation('conv-m', 10)).map((trace) => [trace.turnId, trace.steps])).toEqual([[ids[0], steps[0]], [ids[1], steps[1]], [now, []]])
    expect((await traces.listByWorkflow('wf-m', at, new Date(), 2)).map((trace) => trace.turnId)).toEqual(ids)
    const buckets = await traces.metrics(new Date(Date.now() - 120_000), new Date())
    expect(buckets.reduce((sum, bucket) => [sum[0]! + bucket.turns, sum[1]! + bucket.failures], [0, 0])).toEqual([3, 2])
    expect(Math.max(...buckets.map((bucket) => bucket.p99Ms))).toBeGreaterThan(4)
  })

  it('reads pages of the first form of one row a batch (fields, then each turn its steps as text), and trims them', async () => {
    const traces = open('bot-p')
    const day = 86_400_000
    const [old, kept] = [new Date(Date.now() - 8 * day), new Date(Date.now() - 1_000)]
    const steps = [[{ kind: 'event', name: 'a', eventId: 'e-a', startMs: 0 }], [{ kind: 'hook', hook: 'h', owner: 'p', name: 'n', startMs: 1, durationMs: 2, result: 'ok' }]]
    const rows = [workflowRow(newTurnId(old.getTime()), 'conv-p', 'wf-p', steps[0]!, old), workflowRow(newTurnId(kept.getTime()), 'conv-p', 'wf-p', steps[1]!, kept)]
    const fields = JSON.stringify(rows.map(([t, k, c, m, e, a, d, f, , w]) => [t, k, c, m, e, a, d, f, w]))
    const page = encodePage([fields, ...rows.map((stored) => stored[8] as string)])
    await testDb.db.query(`INSERT INTO parley_trace_pages (bot_id, first_started_at, last_started_at, conversation_ids, workflow_ids, offsets_ms, durations_ms, failed, steps)
      VALUES ($1, ${PAGE_VALUES})`, ['bot-p', ...pageParams({ ...pageColumns(rows), page })])
    expect(await traces.get(rows[0]![0])).toMatchObject({ turnId: rows[0]![0], workflowId: 'wf-p', steps: steps[0] })
    expect((await traces.listByConversation('conv-p', 10)).map((trace) => trace.steps)).toEqual(steps)
    expect((await traces.listByWorkflow('wf-p', old, new Date(), 10)).map((trace) => trace.turnId)).toEqual(rows.map((stored) => stored[0]))
    expect(await traces.expire(new Date(Date.now() - 7 * day))).toBe(1)
    expect((await traces.listByConversation('conv-p', 10)).map((trace) => [trace.turnId, trace.steps])).toEqual([[rows[1]![0], steps[1]]])
  })

  it('reads back every kind of step the runtime records, failed or not, and steps of other shapes as given', async () => {
    const traces = open('bot-q')
    const error = { message: 'no \u0000', stack: 'at x' }
    const timed = { owner: 'plugin', name: '__proto__', startMs: 0.001, durationMs: 1e308 }
    const steps = [
      { kind: 'hook', hook: 'before_incoming_message', ...timed, result: 'stopped' },
      { kind: 'hook', hook: 'after_incoming_message', ...timed, result: 'error', error },
      { kind: 'handler', handler: 'message', ...timed, result: 'ok' },
      { kind: 'handler', handler: 'workflowStart', ...timed, result: 'error', error: { message: 'm' } },
      { kind: 'action', ...timed, result: 'ok' },
      { kind: 'action', ...timed, result: 'error', error },
      { kind: 'event', name: 'e', eventId: 'ev', startMs: 2 },
      { kind: 'stateRead', stateType: 'user', id: 'u\u0001', name: 'constructor', startMs: 3 },
      { kind: 'stateWrite', stateType: 'bot', id: '', name: 'n', startMs: 4 },
      { kind: 'message', messageId: 'm', type: 'text', startMs: 5 },
      { kind: 'omitted', count: 1_000_000, startMs: 6 },
      { kind: 'someday', what: ['a', 1] },
      { kind: 'toString', startMs: 7 },
      ['hook', 'h', 'o'],
      'text',
      null,
    ]
    const id = newTurnId(Date.now())
    traces.record(row(id, 'conv-q', steps))
    const read = await traces.get(id)
    expect(read?.steps).toEqual(steps)
    expect(read?.steps.map((step) => step !== null && typeof step === 'object' && !Array.isArray(step) ? Object.keys(step) : step)).toEqual(steps.map((step) => step !== null && typeof step === 'object' && !Array.isArray(step) ? Object.keys(step) : step))
  })

  it('reads a start recorded in milliseconds as the time it names, and fails the batch of one that is no time', async () => {
    errors = []
    const traces = open('bot-r')
    const at = Date.now() - 2_000
    const id = newTurnId(at)
    traces.record([id, 'message', 'conv-r', null, null, at, 3, false, [], null])
    expect(await traces.get(id)).toMatchObject({ turnId: id, startedAt: new Date(at).toISOString(), durationMs: 3 })
    traces.record([newTurnId(at), 'message', 'conv-r', null, null, Number.POSITIVE_INFINITY, 3, false, [], null])
    await traces.flush()
    expect(errors).toHaveLength(1)
  })

  it('finds a stored row by an id without a time, and never scans the pages for one', async () => {
    const traces = open('bot-n')
    await testDb.db.query(`INSERT INTO parley_traces (bot_id, turn_id, kind, started_at, duration_ms, failed, steps) VALUES ('bot-n', 'turn-old', 'call', now(), 1, false, '[]')`)
    traces.record(row('turn-new', null))
    expect(await traces.get('turn-old')).toMatchObject({ turnId: 'turn-old', kind: 'call', steps: [] })
    expect(await traces.get('turn-new')).toBeUndefined()
  })

  it('writes what waits when closed, and at once after', async () => {
    const writer = open('bot-c')
    const reader = open('bot-c')
    const [closed, late] = [newTurnId(Date.now()), newTurnId(Date.now())]
    writer.record(row(closed, null))
    await writer.close()
    expect(await reader.get(closed)).toMatchObject({ turnId: closed })
    writer.record(row(late, null))
    await writer.flush()
    expect(await reader.get(late)).toMatchObject({ turnId: late })
  })

  it('writes a full batch without being asked', async () => {
    const writer = createTraceStore(testDb.db, 'bot-d', { maxRows: 3, delayMs: 3_600_000 })
    const reader = open('bot-d')
    const ids = [0, 1, 2].map(() => newTurnId(Date.now()))
    for (const id of ids) writer.record(row(id, null))
    // The batch was handed to the database as the third row came; the writer's own flush waits for it.
    await writer.flush()
    for (const id of ids) expect(await reader.get(id)).toMatchObject({ turnId: id })
  })

  it('tells of a batch it could not write, and goes on with the next', async () => {
    errors = []
    const traces = open('bot-e')
    traces.record([newTurnId(Date.now()), 'message', null, null, null, 'not a date', 1, false, '[]', null])
    await traces.flush()
    expect(errors).toHaveLength(1)
    const good = newTurnId(Date.now())
    traces.record(row(good, null))
    expect(await traces.get(good)).toMatchObject({ turnId: good })
  })
})
