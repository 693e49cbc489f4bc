import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUserStore, type UserStore } from './users.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'

describe.each(testDrivers())('users on $name', (driver) => {
  let testDb: TestDatabase
  let users: UserStore
  beforeAll(async () => {
    testDb = await openMigrated(driver)
    users = createUserStore(testDb.db, 'bot-a')
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  it('creates a user with a prefixed id and reads it back', async () => {
    const created = await users.create({ name: 'Ada', pictureUrl: 'https://example.com/ada.png', tags: { email: 'ada@example.com' } })
    expect(created).toEqual({
      id: expect.stringMatching(/^user_[0-9a-f]{32}$/), name: 'Ada', pictureUrl: 'https://example.com/ada.png',
      tags: { email: 'ada@example.com' }, createdAt: expect.any(String), updatedAt: expect.any(String),
    })
    expect(await users.get(created.id)).toEqual(created)
  })

  it('creates a user with nothing but an id, leaving optional fields out', async () => {
    const created = await users.create()
    expect(Object.keys(created).sort()).toEqual(['createdAt', 'id', 'tags', 'updatedAt'])
    expect(created.tags).toEqual({})
  })

  it('gets or creates a user under a chosen id, once, even for concurrent callers', async () => {
    const results = await Promise.all(['Ada', 'Grace', 'Hedy'].map((name) => users.getOrCreate('ext-1', { name })))
    expect(new Set(results.map((user) => user.id))).toEqual(new Set(['ext-1']))
    expect(new Set(results.map((user) => user.name)).size).toBe(1)
    expect((await users.list({ limit: 1000 })).items.filter((user) => user.id === 'ext-1')).toHaveLength(1)
  })

  it('returns undefined for an unknown id, and for another bot\'s user', async () => {
    const created = await users.create({ name: 'Only in bot-a' })
    expect(await users.get('user_missing')).toBeUndefined()
    expect(await createUserStore(testDb.db, 'bot-b').get(created.id)).toBeUndefined()
  })

  it('merges tags on update, keeping the others, and leaves fields not given alone', async () => {
    const created = await users.create({ name: 'Bo', tags: { plan: 'free', locale: 'fr' } })
    const updated = await users.update(created.id, { tags: { plan: 'pro', team: 'blue' } })
    expect(updated).toMatchObject({ name: 'Bo', tags: { plan: 'pro', locale: 'fr', team: 'blue' } })
    expect(await users.update(created.id, { name: 'Bob' })).toMatchObject({ name: 'Bob', tags: { plan: 'pro', locale: 'fr', team: 'blue' } })
    expect((await users.get(created.id))?.name).toBe('Bob')
  })

  it('refuses to update a user that does not exist, naming it', async () => {
    await expect(users.update('user_nope', { name: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND', message: 'user "user_nope" does not exist in bot "bot-a"',
    })
  })

  it('lists users having all the given tags, in pages', async () => {
    const store = createUserStore(testDb.db, 'bot-list')
    for (const n of [1, 2, 3, 4, 5]) await store.create({ name: `u${n}`, tags: { group: n % 2 ? 'odd' : 'even', n: String(n) } })
    const odd = await store.list({ tags: { group: 'odd' } })
    expect(odd.items.map((user) => user.name)).toEqual(['u1', 'u3', 'u5'])
    expect((await store.list({ tags: { group: 'odd', n: '3' } })).items.map((user) => user.name)).toEqual(['u3'])
    const first = await store.list({ limit: 2 })
    expect(first).toMatchObject({ items: [{ name: 'u1' }, { name: 'u2' }], nextOffset: 2 })
    const last = await store.list({ limit: 2, offset: 4 })
    expect(last).toMatchObject({ items: [{ name: 'u5' }], nextOffset: undefined })
    expect((await store.list({ order: 'desc', limit: 1 })).items.map((user) => user.name)).toEqual(['u5'])
  })

  it('refuses a page size it cannot serve, saying what is allowed', async () => {
    await expect(users.list({ limit: 5000 })).rejects.toMatchObject({ code: 'PAGE_INVALID', message: 'limit 5000 is not allowed; use a whole number from 1 to 1000' })
    await expect(users.list({ offset: -1 })).rejects.toMatchObject({ code: 'PAGE_INVALID' })
  })
})
