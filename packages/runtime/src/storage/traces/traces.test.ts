import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDrivers, type TestDatabase } from '../testing/test-databases.js'
import { migrate } from '../migrations/index.js'
import type { TraceRow } from './trace-batch.js'
import { createTraceStore, type TraceStore } from './traces.js'

const row = (turnId: string, conversationId: string | null, steps: unknown[] = []): TraceRow =>
  [turnId, 'message', conversationId, null, null, new Date().toISOString(), 1.5, false, JSON.stringify(steps)]

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
    traces.record(row('turn-0', 'conv-0')) // a turn recorded twice is stored once
    expect(await traces.listByConversation('conv-3', 1000)).toHaveLength(100)
    expect((await traces.recent(1000)).length).toBe(500)
    const buckets = await traces.metrics(new Date(Date.now() - 60_000), new Date())
    expect(buckets.reduce((sum, bucket) => sum + bucket.turns, 0)).toBe(500)
    expect(errors).toEqual([])
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
    expect((await reader.recent(10)).map((turn) => turn.turnId).sort()).toEqual(['a', 'b', 'c'])
  })

  it('tells of a batch it could not write, and goes on with the next', async () => {
    errors = []
    const traces = open('bot-e')
    traces.record(['bad', 'message', null, null, null, 'not a date', 1, false, '[]'])
    await traces.flush()
    expect(errors).toHaveLength(1)
    traces.record(row('good', null))
    expect(await traces.get('good')).toMatchObject({ turnId: 'good' })
  })
})
