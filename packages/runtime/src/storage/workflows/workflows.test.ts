import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorkflowStore, type WorkflowStore } from './workflows.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'

describe.each(testDrivers())('workflows on $name', (driver) => {
  let testDb: TestDatabase
  let workflows: WorkflowStore
  beforeAll(async () => {
    testDb = await openMigrated(driver)
    workflows = createWorkflowStore(testDb.db, 'bot-a')
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  it('keeps tags, merges them on update, and lists runs having all the given ones', async () => {
    const store = createWorkflowStore(testDb.db, 'bot-tags')
    const a = await store.create({ name: 'review', input: {}, tags: { ticket: 't1', team: 'blue' } })
    await store.create({ name: 'review', input: {}, tags: { ticket: 't2', team: 'blue' } })
    expect(await store.update(a.id, { tags: { team: 'red' } })).toMatchObject({ tags: { ticket: 't1', team: 'red' } })
    expect((await store.list({ tags: { team: 'blue' } })).items.map((run) => run.tags['ticket'])).toEqual(['t2'])
    expect((await store.list({ tags: { ticket: 't1', team: 'red' } })).items.map((run) => run.id)).toEqual([a.id])
  })

  it('creates a pending workflow and reads it back', async () => {
    const timeoutAt = new Date('2030-01-01T00:00:00.000Z')
    const created = await workflows.create({ name: 'onboarding', input: { step: 1 }, conversationId: 'conv_1', userId: 'user_1', timeoutAt })
    expect(created).toEqual({
      id: expect.stringMatching(/^wf_[0-9a-f]{32}$/), name: 'onboarding', status: 'pending', input: { step: 1 },
      conversationId: 'conv_1', userId: 'user_1', timeoutAt: '2030-01-01T00:00:00.000Z', tags: {}, createdAt: expect.any(String), updatedAt: expect.any(String),
    })
    expect(await workflows.get(created.id)).toEqual(created)
    expect(await createWorkflowStore(testDb.db, 'bot-b').get(created.id)).toBeUndefined()
  })

  it('moves through its statuses, keeping fields not given', async () => {
    const created = await workflows.create({ name: 'onboarding', input: { step: 1 } })
    expect(await workflows.update(created.id, { status: 'in_progress' })).toMatchObject({ status: 'in_progress', input: { step: 1 } })
    const done = await workflows.update(created.id, { status: 'completed', output: { ok: true } })
    expect(done).toMatchObject({ status: 'completed', output: { ok: true } })
    expect(await workflows.get(created.id)).toEqual(done)
  })

  it('refuses to change a finished workflow, saying how it ended', async () => {
    const created = await workflows.create({ name: 'billing', input: {} })
    await workflows.update(created.id, { status: 'failed', error: 'card declined' })
    await expect(workflows.update(created.id, { status: 'completed' })).rejects.toMatchObject({
      code: 'WORKFLOW_FINISHED', message: `workflow "${created.id}" (billing) already finished as failed; a finished workflow cannot change, so start a new one instead`,
    })
    expect(await workflows.get(created.id)).toMatchObject({ status: 'failed', error: 'card declined' })
  })

  it('lets only one of two concurrent completions win', async () => {
    const created = await workflows.create({ name: 'race', input: {} })
    const other = createWorkflowStore(await testDb.openAnother(), 'bot-a')
    const results = await Promise.allSettled([workflows.update(created.id, { status: 'completed' }), other.update(created.id, { status: 'cancelled' })])
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected'])
  })

  it('refuses to update a workflow that does not exist', async () => {
    await expect(workflows.update('wf_nope', { status: 'completed' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'workflow "wf_nope" does not exist in bot "bot-a"' })
  })

  it('lists by name, one or several statuses, conversation and user', async () => {
    const store = createWorkflowStore(testDb.db, 'bot-list')
    const a = await store.create({ name: 'a', input: { n: 1 }, conversationId: 'conv_x' })
    await store.create({ name: 'b', input: { n: 2 }, status: 'in_progress', userId: 'user_y' })
    await store.create({ name: 'a', input: { n: 3 }, userId: 'user_y' })
    await store.update(a.id, { status: 'cancelled' })
    const ns = (page: Awaited<ReturnType<WorkflowStore['list']>>) => page.items.map((wf) => wf.input['n'])
    expect(ns(await store.list({ name: 'a' }))).toEqual([1, 3])
    expect(ns(await store.list({ status: 'pending' }))).toEqual([3])
    expect(ns(await store.list({ status: ['pending', 'in_progress'] }))).toEqual([2, 3])
    expect(ns(await store.list({ status: [] }))).toEqual([])
    expect(ns(await store.list({ conversationId: 'conv_x' }))).toEqual([1])
    expect(ns(await store.list({ userId: 'user_y', limit: 1 }))).toEqual([2])
  })

  it('lists unfinished workflows whose timeout passed', async () => {
    const store = createWorkflowStore(testDb.db, 'bot-timeouts')
    const now = new Date('2031-06-01T00:00:00Z')
    const late = await store.create({ name: 'late', input: {}, timeoutAt: new Date('2031-05-01T00:00:00Z') })
    const later = await store.create({ name: 'later', input: {}, status: 'in_progress', timeoutAt: new Date('2031-05-15T00:00:00Z') })
    await store.create({ name: 'future', input: {}, timeoutAt: new Date('2031-07-01T00:00:00Z') })
    await store.create({ name: 'no timeout', input: {} })
    const finished = await store.create({ name: 'finished', input: {}, timeoutAt: new Date('2031-05-01T00:00:00Z') })
    await store.update(finished.id, { status: 'completed' })
    expect((await store.listTimedOut(now)).map((wf) => wf.id)).toEqual([late.id, later.id])
    expect((await store.listTimedOut(now, 1)).map((wf) => wf.id)).toEqual([late.id])
  })
})
