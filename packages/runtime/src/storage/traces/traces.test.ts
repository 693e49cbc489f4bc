import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDrivers, type TestDatabase } from '../testing/test-databases.js'
import { migrate } from '../migrations/index.js'
import type { TraceRow } from './trace-batch.js'
import { createTraceStore, type TraceStore } from './traces.js'
import { newTurnId, turnIdTime } from './turn-id.js'

const row = (turnId: string, conversationId: string | null, steps: unknown[] = [], startedAt = new Date()): TraceRow =>
  [turnId, 'message', conversationId, null, null, startedAt.toISOString(), 1.5, false, JSON.stringify(steps), null]

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
    traces.record(row('turn-1', 'conv-1', [step]))
    expect(await traces.get('turn-1')).toMatchObject({ turnId: 'turn-1', conversationId: 'conv-1', durationMs: 1.5, failed: false, steps: [step] })
    expect((await traces.get('turn-1'))).not.toHaveProperty('messageId')
    expect(errors).toEqual([])
  })

  it('writes many turns in one batch, each readable by conversation and in the metrics', async () => {
    errors = []
    const traces = open('bot-b')
    for (let index = 0; index < 500; index++) traces.record(row(`turn-${index}`, `conv-${index % 5}`))
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

  it('writes what waits when closed, and at once after', async () => {
    const writer = open('bot-c')
    const reader = open('bot-c')
    writer.record(row('turn-closed', null))
    await writer.close()
    expect(await reader.get('turn-closed')).toMatchObject({ turnId: 'turn-closed' })
    writer.record(row('turn-late', null))
    await writer.flush()
    expect(await reader.get('turn-late')).toMatchObject({ turnId: 'turn-late' })
  })

  it('writes a full batch without being asked', async () => {
    const writer = createTraceStore(testDb.db, 'bot-d', { maxRows: 3, delayMs: 3_600_000 })
    const reader = open('bot-d')
    for (const id of ['a', 'b', 'c']) writer.record(row(id, null))
    // The batch was handed to the database as the third row came; the writer's own flush waits for it.
    await writer.flush()
    for (const id of ['a', 'b', 'c']) expect(await reader.get(id)).toMatchObject({ turnId: id })
  })

  it('tells of a batch it could not write, and goes on with the next', async () => {
    errors = []
    const traces = open('bot-e')
    traces.record(['bad', 'message', null, null, null, 'not a date', 1, false, '[]', null])
    await traces.flush()
    expect(errors).toHaveLength(1)
    traces.record(row('good', null))
    expect(await traces.get('good')).toMatchObject({ turnId: 'good' })
  })
})
