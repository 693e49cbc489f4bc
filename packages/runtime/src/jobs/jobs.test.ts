import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { testDrivers, type TestDatabase } from '../storage/testing/test-databases.js'
import { migrate } from '../storage/migrations/index.js'
import { manualClock } from './clock.js'
import { createJobQueue, LEASE_MS, type JobQueue } from './job-queue.js'
import { createWorker, type JobHandler } from './worker.js'

const at = (base: Date, ms: number) => new Date(base.getTime() + ms)

describe('a manual clock', () => {
  it('stands still until moved, and moves only forward', async () => {
    const clock = manualClock(new Date('2026-01-01T00:00:00Z'))
    await new Promise((resolve) => setImmediate(resolve))
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z')
    clock.advance(1500)
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:01.500Z')
    expect(() => clock.advance(-1)).toThrow('cannot move the clock by -1 ms')
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError)
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:01.500Z')
  })
})

describe.each(testDrivers())('jobs on $name', (driver) => {
  let testDb: TestDatabase
  let queue: JobQueue
  let botId = 0
  beforeAll(async () => {
    testDb = await driver.open()
    await migrate(testDb.db)
  })
  beforeEach(() => {
    queue = createJobQueue(testDb.db, `bot${++botId}`)
  })
  afterAll(() => testDb.dispose())

  it('claims only due jobs, in due order, and leases them', async () => {
    const now = new Date()
    await queue.enqueue(testDb.db, { kind: 'b', payload: { n: 2 }, runAt: at(now, -1000) })
    await queue.enqueue(testDb.db, { kind: 'a', payload: { n: 1 }, runAt: at(now, -2000) })
    await queue.enqueue(testDb.db, { kind: 'later', payload: {}, runAt: at(now, 60_000) })
    const claimed = await queue.claim(now, 10)
    expect(claimed.map((job) => [job.kind, job.payload, job.attempts])).toEqual([['a', { n: 1 }, 1], ['b', { n: 2 }, 1]])
    expect(await queue.claim(now, 10)).toEqual([])
    expect((await queue.claim(at(now, LEASE_MS + 1), 10)).map((job) => job.kind)).toEqual(['a', 'b', 'later'])
  })

  it('keeps one job per key: enqueue replaces it, ensure keeps its due time when nothing changed', async () => {
    const now = new Date()
    await queue.enqueue(testDb.db, { kind: 'k', key: 'one', payload: { v: 1 }, runAt: at(now, 1000) })
    await queue.enqueue(testDb.db, { kind: 'k', key: 'one', payload: { v: 2 }, runAt: at(now, 2000) })
    await queue.ensure(testDb.db, { kind: 'k', key: 'one', payload: { v: 2 }, runAt: at(now, 9000) })
    expect((await queue.list()).map((job) => [job.payload, job.runAt])).toEqual([[{ v: 2 }, at(now, 2000).toISOString()]])
    await queue.ensure(testDb.db, { kind: 'k', key: 'one', payload: { v: 3 }, runAt: at(now, 9000) })
    expect((await queue.list()).map((job) => job.runAt)).toEqual([at(now, 9000).toISOString()])
    await queue.prune(testDb.db, 'k', [])
    expect(await queue.list()).toEqual([])
  })

  it('runs due jobs, reschedules those that ask, and retries failures until it gives up', async () => {
    const clock = manualClock()
    const ran: string[] = []
    let flaky = 0
    const handlers: Record<string, JobHandler> = {
      once: async (job) => void ran.push(`once ${job.payload['n']}`),
      every: async () => ({ rescheduleAt: at(clock.now(), 1000) }),
      flaky: async () => {
        flaky++
        throw new Error('down')
      },
    }
    const errors: boolean[] = []
    const worker = createWorker({ queue, clock, handlers, maxAttempts: 2, onError: (_job, _error, final) => errors.push(final) })
    await queue.enqueue(testDb.db, { kind: 'once', payload: { n: 1 }, runAt: clock.now() })
    await queue.enqueue(testDb.db, { kind: 'every', key: 'tick', payload: {}, runAt: clock.now() })
    await queue.enqueue(testDb.db, { kind: 'flaky', payload: {}, runAt: clock.now() })
    expect(await worker.drain()).toBe(3)
    expect(ran).toEqual(['once 1'])
    // The retry and the next tick are due a second later, whatever time the test takes: not before.
    clock.advance(999)
    expect(await worker.drain()).toBe(0)
    expect(flaky).toBe(1)
    clock.advance(1)
    expect(await worker.drain()).toBe(2)
    expect(errors).toEqual([false, true])
    expect(flaky).toBe(2)
    const [tick, failed] = [await queue.list({ kind: 'every' }), await queue.list({ kind: 'flaky' })]
    expect(Date.parse(tick[0]!.runAt)).toBeGreaterThan(clock.now().getTime())
    expect(failed[0]).toMatchObject({ lastError: 'down', failedAt: expect.any(String) })
    clock.advance(10 * 60_000)
    expect(await worker.drain()).toBe(1)
  })

  it('runs each job once when several processes claim at the same time', async () => {
    const now = new Date()
    for (let n = 0; n < 40; n++) await queue.enqueue(testDb.db, { kind: 'x', payload: { n }, runAt: now })
    const others = await Promise.all([testDb.openAnother(), testDb.openAnother(), testDb.openAnother()])
    const queues = [testDb.db, ...others].map((db) => createJobQueue(db, `bot${botId}`))
    const claimed = (await Promise.all(queues.flatMap((q) => [q.claim(now, 7), q.claim(now, 7), q.claim(now, 7)]))).flat()
    const ns = claimed.map((job) => job.payload['n'] as number).sort((a, b) => a - b)
    expect(ns).toEqual([...new Set(ns)])
    expect(ns.length).toBe(40)
  })

  it('keeps a keyed job replaced while it runs: the run finishing neither deletes nor retries the replacement', async () => {
    const clock = manualClock()
    const key = 'conversationEnd:c-1'
    let movedTo = ''
    const moved = async () => {
      const runAt = at(clock.now(), 60_000)
      movedTo = runAt.toISOString()
      await queue.enqueue(testDb.db, { kind: 'end', key, payload: { conversationId: 'c-1' }, runAt })
    }
    let runs = 0
    let fail = false
    // The handler stands for the end of a conversation during which a new message moves the end on.
    const handlers: Record<string, JobHandler> = {
      end: async () => {
        runs++
        await moved()
        if (fail) throw new Error('the end failed after the move')
      },
    }
    const worker = createWorker({ queue, clock, handlers })
    await queue.enqueue(testDb.db, { kind: 'end', key, payload: { conversationId: 'c-1' }, runAt: clock.now() })
    expect(await worker.drain()).toBe(1)
    expect((await queue.list()).map((job) => [job.key, job.runAt, job.attempts])).toEqual([[key, movedTo, 0]])
    expect(await worker.drain()).toBe(0)
    fail = true
    clock.advance(60_000)
    expect(await worker.drain()).toBe(1)
    expect((await queue.list()).map((job) => [job.runAt, job.lastError ?? null])).toEqual([[movedTo, null]])
    fail = false
    clock.advance(60_000)
    expect(await worker.drain()).toBe(1)
    expect(runs).toBe(3)
  })

  it('keeps a job another process replaced under its key while this one ran it', async () => {
    const now = new Date()
    const other = createJobQueue(await testDb.openAnother(), `bot${botId}`)
    await queue.enqueue(testDb.db, { kind: 'end', key: 'k', payload: { n: 1 }, runAt: now })
    const [claimed] = await queue.claim(now, 1)
    await other.enqueue(testDb.db, { kind: 'end', key: 'k', payload: { n: 2 }, runAt: at(now, 1000) })
    await queue.complete(claimed!)
    await queue.reschedule(claimed!, at(now, 5000))
    await queue.fail(claimed!, 'late', now)
    expect((await queue.list()).map((job) => [job.payload, job.runAt, job.failedAt ?? null])).toEqual([[{ n: 2 }, at(now, 1000).toISOString(), null]])
    const [again] = await other.claim(at(now, 1000), 1)
    expect(again).toMatchObject({ payload: { n: 2 }, version: claimed!.version + 1 })
    await other.complete(again!)
    expect(await queue.list()).toEqual([])
  })
})
