import { z } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStateStore } from '../states/states.js'
import { ensureTables } from '../tables/ensure-tables.js'
import { createTableStore } from '../tables/table-store.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'
import { findIncompatibilities } from './compatibility.js'
import { createDeploymentStore, type DeploymentStore } from './deployments.js'

const code = (n: number) => ({ bundle: `export default ${n}\0`.replace('\0', ''), definition: 'export default {}' })

describe.each(testDrivers())('deployments on $name', (driver) => {
  let testDb: TestDatabase
  let store: DeploymentStore
  beforeAll(async () => {
    testDb = await openMigrated(driver)
    store = createDeploymentStore(testDb.db)
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  it('numbers the versions of each bot, serves one at a time, and keeps the newest', async () => {
    for (let n = 1; n <= 4; n++) {
      const added = await store.add('shop', code(n))
      expect(added).toMatchObject({ botId: 'shop', version: n, active: false, size: code(n).bundle.length + code(n).definition.length })
      await store.activate('shop', n, 3)
    }
    await store.add('other', code(1))
    expect((await store.list('shop')).map((d) => [d.version, d.active])).toEqual([[4, true], [3, false], [2, false]])
    // A rollback keeps the active version even when it is not among the newest.
    await store.activate('shop', 2, 2)
    expect((await store.list('shop')).map((d) => [d.version, d.active])).toEqual([[4, false], [2, true]])
    expect((await store.list()).map((d) => `${d.botId}@${d.version}`)).toEqual(['other@1', 'shop@4', 'shop@2'])
    expect(await store.active()).toEqual([{ botId: 'shop', version: 2, ...code(2) }])
    expect(await store.get('shop', 4)).toEqual({ botId: 'shop', version: 4, ...code(4) })
    expect(await store.get('shop', 3)).toBeUndefined()
  })

  it('forgets a version that never ran, never the active one', async () => {
    await store.remove('other', 1)
    await store.remove('shop', 2)
    expect((await store.list()).map((d) => `${d.botId}@${d.version}`)).toEqual(['shop@4', 'shop@2'])
  })

  it('names each state and table whose stored records a new definition refuses, with the first records and a count', async () => {
    const states = createStateStore(testDb.db, 'compat')
    for (let i = 0; i < 12; i++) await states.set({ type: 'user', id: `u${String(i).padStart(2, '0')}`, name: 'profile' }, { age: i < 11 ? i : 'eleven' })
    await states.set({ type: 'user', id: 'u1', name: 'other' }, { anything: true })
    const notes = { schema: z.object({ title: z.string(), score: z.number().optional() }) }
    await ensureTables(testDb.db, 'compat', { notes })
    await createTableStore(testDb.db, 'compat', { notes }).createRows({ table: 'notes', rows: [{ title: 'a', score: 1 }, { title: 'b' }] })

    const unchanged = { botId: 'compat', states: { profile: { type: 'user' as const, schema: z.object({ age: z.union([z.number(), z.string()]) }) } }, tables: { notes } }
    expect(await findIncompatibilities(testDb.db, unchanged)).toEqual([])

    const changed = {
      botId: 'compat',
      states: { profile: { type: 'user' as const, schema: z.object({ age: z.string() }) } },
      tables: { notes: { schema: z.object({ title: z.string(), score: z.number(), tag: z.string().optional() }) }, fresh: notes },
    }
    const found = await findIncompatibilities(testDb.db, changed)
    expect(found).toEqual([
      { kind: 'state', name: 'profile', count: 11, rows: expect.any(Array) },
      { kind: 'table', name: 'notes', count: 1, rows: [{ id: expect.any(String), issue: 'score: Required' }] },
    ])
    expect(found[0]!.rows).toHaveLength(10)
    expect(found[0]!.rows[0]).toEqual({ id: 'user/u00', issue: 'age: Expected string, received number' })

    // Against the version running now: a schema equal to the one there is not read again (the records it
    // was already serving are taken as they are), a changed one is.
    const running = { states: { profile: { type: 'user' as const, schema: z.object({ age: z.string() }) } }, tables: { notes } }
    expect(await findIncompatibilities(testDb.db, { ...changed, previous: running })).toEqual([found[1]])
    expect(await findIncompatibilities(testDb.db, { ...changed, previous: { states: changed.states, tables: changed.tables } })).toEqual([])
  })
})
