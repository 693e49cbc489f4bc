import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDrivers, type TestDatabase } from '../testing/test-databases.js'
import { migrate } from '../migrations/index.js'
import { createKvStore, KV_LIMITS } from './kv-store.js'

async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await call.then(() => undefined, (caught: unknown) => caught)
  expect(error, 'the call should have been refused').toBeDefined()
  const { code, message } = error as { code: string; message: string }
  return { code, message }
}

describe.each(testDrivers().map((driver) => [driver.name, driver] as const))('plugin key-value store on %s', (_name, driver) => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await driver.open()
    await migrate(database.db)
  })
  afterAll(() => database?.dispose())
  const store = (plugin: string, botId = 'kv-bot') => createKvStore(database.db, botId, plugin)

  it('keeps structured values, dates included, and overwrites by key', async () => {
    const kv = store('a')
    const endedAt = new Date('2026-01-02T03:04:05.678Z')
    await kv.set('one', { endedAt, list: [1, 'two', null, { deep: true }], n: 1e308 })
    expect(await kv.get('one')).toEqual({ endedAt, list: [1, 'two', null, { deep: true }], n: 1e308 })
    expect((await kv.get<{ endedAt: Date }>('one'))!.endedAt).toBeInstanceOf(Date)
    await kv.set('one', 'plain text')
    expect(await kv.get('one')).toBe('plain text')
    expect(await kv.get('missing')).toBeUndefined()
    expect(await kv.delete('one')).toBe(true)
    expect(await kv.delete('one')).toBe(false)
  })

  it('isolates plugins and bots whatever the key says', async () => {
    await store('owner').set('secret', 's3cret')
    await store('owner').set('%', 'wild')
    for (const other of [store('other'), store('owner', 'another-bot'), store('')]) {
      expect(await other.get('secret')).toBeUndefined()
      expect(await other.keys()).toEqual([])
      expect(await other.find({})).toEqual([])
      expect(await other.count()).toBe(0)
    }
    expect(await store('owner').keys('%')).toEqual(['%'])
  })

  it('finds, sorts, pages and counts by fields, with the operators of tables', async () => {
    const kv = store('finder')
    for (let i = 0; i < 5; i++) await kv.set(`conversations:${i}`, { userId: i % 2 ? 'u1' : 'u2', n: i, endedAt: new Date(Date.UTC(2026, 0, 1 + i)) })
    await kv.set('note', 'not an object')
    expect(await kv.keys('conversations:')).toEqual([0, 1, 2, 3, 4].map((i) => `conversations:${i}`))
    const recent = await kv.find<{ n: number }>({ userId: 'u2' }, { limit: 2, sort: { endedAt: -1 } })
    expect(recent.map((value) => value.n)).toEqual([4, 2])
    expect((await kv.find<{ n: number }>({ userId: 'u2' }, { skip: 1, sort: { n: 1 } })).map((value) => value.n)).toEqual([2, 4])
    expect(await kv.count({ userId: 'u1' })).toBe(2)
    expect(await kv.count({ n: { $gte: 1, $lt: 4 } })).toBe(3)
    expect(await kv.count({ endedAt: { $gt: new Date(Date.UTC(2026, 0, 3)) } })).toBe(2)
    expect(await kv.count({ $or: [{ n: 0 }, { n: { $in: [3, 4] } }] })).toBe(3)
    expect(await kv.count({ $not: { userId: 'u1' } })).toBe(4)
    expect(await kv.count({ n: { $nin: [0, 1] } })).toBe(4)
    expect(await kv.count({ missing: null })).toBe(6)
    expect(await kv.count({ n: { $gt: 'text compares with text only' } })).toBe(0)
    expect(await kv.count()).toBe(6)
  })

  it('keeps a "__proto__" field and key as data', async () => {
    const kv = store('hostile')
    await kv.set('__proto__', JSON.parse('{"__proto__": {"polluted": true}, "x": 1}'))
    const value = await kv.get<Record<string, unknown>>('__proto__')
    expect(Object.hasOwn(value!, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(await kv.count(JSON.parse('{"__proto__": {"polluted": true}}'))).toBe(1)
  })

  it('refuses what it cannot keep, naming the key or field, and stores nothing', async () => {
    const kv = store('refused')
    expect(await refusal(kv.set('a\u0000b', 1))).toMatchObject({ code: 'KV_KEY_INVALID', message: expect.stringContaining('NUL') })
    expect(await refusal(kv.set('', 1))).toMatchObject({ code: 'KV_KEY_INVALID' })
    expect(await refusal(kv.set('k'.repeat(KV_LIMITS.keyLength + 1), 1))).toMatchObject({ code: 'KV_KEY_INVALID' })
    expect(await refusal(kv.set('text', { note: 'nul \u0000 here' }))).toMatchObject({ code: 'KV_VALUE_INVALID', message: expect.stringContaining('note') })
    expect(await refusal(kv.set('inf', { n: Infinity }))).toMatchObject({ code: 'KV_VALUE_INVALID', message: expect.stringContaining('n') })
    expect(await refusal(kv.set('fn', () => 1))).toMatchObject({ code: 'KV_VALUE_INVALID' })
    expect(await refusal(kv.set('tag', { $date: 'not a date' }))).toMatchObject({ code: 'KV_VALUE_INVALID' })
    expect(await refusal(kv.set('big', 'x'.repeat(KV_LIMITS.valueBytes)))).toMatchObject({ code: 'KV_VALUE_TOO_LARGE' })
    let deep: unknown = 1
    for (let i = 0; i < 10_000; i++) deep = [deep]
    expect(await refusal(kv.set('deep', deep))).toMatchObject({ code: 'KV_VALUE_INVALID', message: expect.stringContaining('deep') })
    expect(await kv.keys()).toEqual([])
  })

  it('refuses filters and pages it cannot run', async () => {
    const kv = store('queries')
    expect(await refusal(kv.find({ n: { $in: Array.from({ length: 50_000 }, (_, i) => i) } }))).toMatchObject({ code: 'KV_QUERY_INVALID', message: expect.stringContaining('more than') })
    expect(await refusal(kv.find({ n: { $regex: 'x' } }))).toMatchObject({ code: 'KV_QUERY_INVALID', message: expect.stringContaining('$regex') })
    expect(await refusal(kv.find({ $where: 'x' }))).toMatchObject({ code: 'KV_QUERY_INVALID' })
    expect(await refusal(kv.find({ n: 'nul \u0000' }))).toMatchObject({ code: 'KV_QUERY_INVALID' })
    expect(await refusal(kv.find({}, { limit: 1e308 }))).toMatchObject({ code: 'KV_QUERY_INVALID', message: expect.stringContaining('limit') })
    expect(await refusal(kv.find({}, { sort: { n: 2 as 1 } }))).toMatchObject({ code: 'KV_QUERY_INVALID', message: expect.stringContaining('sort.n') })
    expect(await refusal(kv.keys('a\u0000'))).toMatchObject({ code: 'KV_KEY_INVALID' })
  })

  it('lists keys by prefix literally: %, _, \\ and quotes match only themselves', async () => {
    const kv = store('prefixes')
    for (const key of ['100%', '100x', 'a_b', 'axb', 'a\\b', 'a\\\\b', "o'k", 'ok']) await kv.set(key, key)
    expect(await kv.keys('100%')).toEqual(['100%'])
    expect(await kv.keys('a_')).toEqual(['a_b'])
    expect(await kv.keys('a\\')).toEqual(['a\\\\b', 'a\\b'].sort())
    expect(await kv.keys("o'")).toEqual(["o'k"])
    expect(await kv.keys('')).toHaveLength(8)
    expect(await kv.keys('zzz')).toEqual([])
  })

  it('filters and sorts on nested fields with every operator, dates included', async () => {
    const kv = store('nested')
    for (let i = 0; i < 4; i++) {
      await kv.set(`k${i}`, { user: { id: `u${i % 2}`, profile: { age: 20 + i, seen: new Date(Date.UTC(2026, 0, 1 + i)) } }, tags: ['t'] })
    }
    const ids = async (filter: Record<string, unknown>, sort: Record<string, 1 | -1> = { 'user.profile.age': 1 }) =>
      (await kv.find<{ user: { profile: { age: number } } }>(filter, { sort })).map((value) => value.user.profile.age)
    expect(await ids({ 'user.id': 'u1' })).toEqual([21, 23])
    expect(await ids({ 'user.id': { $eq: 'u0' } })).toEqual([20, 22])
    expect(await ids({ 'user.id': { $ne: 'u0' } })).toEqual([21, 23])
    expect(await ids({ 'user.profile.age': { $gt: 21 } })).toEqual([22, 23])
    expect(await ids({ 'user.profile.age': { $gte: 21, $lte: 22 } })).toEqual([21, 22])
    expect(await ids({ 'user.profile.age': { $lt: 21 } })).toEqual([20])
    expect(await ids({ 'user.profile.age': { $in: [20, 23] } })).toEqual([20, 23])
    expect(await ids({ 'user.profile.age': { $nin: [20, 23] } })).toEqual([21, 22])
    expect(await ids({ 'user.profile.seen': { $gte: new Date(Date.UTC(2026, 0, 3)) } })).toEqual([22, 23])
    expect(await ids({ $or: [{ 'user.profile.age': 20 }, { 'user.id': 'u1' }] })).toEqual([20, 21, 23])
    expect(await ids({ $and: [{ 'user.id': 'u1' }, { $not: { 'user.profile.age': 21 } }] })).toEqual([23])
    expect(await ids({ 'user.missing.deeper': null })).toEqual([20, 21, 22, 23])
    expect(await ids({}, { 'user.profile.seen': -1 })).toEqual([23, 22, 21, 20])
    expect(await ids({ user: { id: 'u0', profile: { age: 20, seen: new Date(Date.UTC(2026, 0, 1)) } } })).toEqual([20])
    expect(await kv.count({ 'user.profile.age': { $gt: 1e308 } })).toBe(0)
    expect(await kv.count({ 'user.profile.age': { $lt: 1e308 } })).toBe(4)
  })

  it('refuses bad pages and field paths by name', async () => {
    const kv = store('pages')
    await kv.set('one', { n: 1 })
    for (const limit of [-1, Number.NaN, 1.5, 1e308, Infinity, '10' as unknown as number]) {
      expect(await refusal(kv.find({}, { limit }))).toMatchObject({ code: 'KV_QUERY_INVALID', message: expect.stringContaining('limit') })
    }
    for (const skip of [-1, Number.NaN, 1e308]) {
      expect(await refusal(kv.find({}, { skip }))).toMatchObject({ code: 'KV_QUERY_INVALID', message: expect.stringContaining('skip') })
    }
    expect(await kv.find({}, { limit: 0 })).toEqual([])
    expect(await kv.find({}, { skip: 2 ** 31 - 1 })).toEqual([])
    expect(await refusal(kv.find({ 'a..b': 1 }))).toMatchObject({ code: 'KV_QUERY_INVALID', message: expect.stringContaining('a..b') })
    expect(await refusal(kv.find({}, { sort: { '': 1 } }))).toMatchObject({ code: 'KV_QUERY_INVALID' })
    expect(await refusal(kv.find({ n: { $gt: Number.NaN } }))).toMatchObject({ code: 'KV_QUERY_INVALID', message: expect.stringContaining('n') })
    expect(await refusal(kv.find([] as unknown as Record<string, unknown>))).toMatchObject({ code: 'KV_QUERY_INVALID' })
    expect(await refusal(kv.find({ $or: {} as unknown as [] }))).toMatchObject({ code: 'KV_QUERY_INVALID', message: expect.stringContaining('$or') })
  })

  it('keeps nested dates, arrays of dates and values at the size bound', async () => {
    const kv = store('sizes')
    const value = { when: [new Date(0), { at: new Date('9999-12-31T23:59:59.999Z') }, new Date('0000-01-01T00:00:00.000Z')], big: 'x'.repeat(KV_LIMITS.valueBytes - 200) }
    await kv.set('k'.repeat(KV_LIMITS.keyLength), value)
    expect(await kv.get('k'.repeat(KV_LIMITS.keyLength))).toEqual(value)
    expect(await refusal(kv.get('k'.repeat(KV_LIMITS.keyLength + 1)))).toMatchObject({ code: 'KV_KEY_INVALID' })
    expect(await refusal(kv.set('bad-date', { at: new Date(Number.NaN) }))).toMatchObject({ code: 'KV_VALUE_INVALID', message: expect.stringContaining('bad-date') })
    for (const far of [new Date(8.64e15), new Date(-8.64e15), new Date('+010000-01-01T00:00:00Z')]) {
      expect(await refusal(kv.set('far', [{ at: far }]))).toMatchObject({ code: 'KV_VALUE_INVALID', message: expect.stringContaining('0 to 9999') })
    }
    expect(await refusal(kv.find({ at: { $gt: new Date(8.64e15) } }))).toMatchObject({ code: 'KV_VALUE_INVALID' })
    expect(await refusal(kv.set('surrogate', '\ud800'))).toMatchObject({ code: 'KV_VALUE_INVALID' })
    expect(await refusal(kv.set('\udc00', 1))).toMatchObject({ code: 'KV_KEY_INVALID' })
  })

  it('keeps both of two stores writing the same keys at once, each in its own scope', async () => {
    const [a, b] = [store('race-a'), store('race-b')]
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).set(`k${i % 5}`, { i })))
    expect(await a.keys()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4'])
    expect(await b.keys()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4'])
    expect(await a.count({ i: { $in: Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 2) } })).toBe(5)
  })

  it('adds a key only when it holds nothing: of several adds at once, one wins and its value stays', async () => {
    const kv = store('adds')
    const won = await Promise.all(Array.from({ length: 8 }, (_, i) => kv.add('once', { i })))
    expect(won.filter(Boolean)).toHaveLength(1)
    expect(await kv.get('once')).toEqual({ i: won.indexOf(true) })
    expect(await store('adds-other').add('once', 1)).toBe(true)
    expect(await refusal(kv.add('nul\u0000', 1))).toMatchObject({ code: 'KV_KEY_INVALID' })
  })

  it('keeps one value per key when two processes set, add and delete it at once', async () => {
    const [first, second] = [store('shared'), createKvStore(await database.openAnother(), 'kv-bot', 'shared')]
    await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? first : second).set(`k${i % 3}`, { i, at: new Date(i) })))
    expect(await first.keys()).toEqual(['k0', 'k1', 'k2'])
    expect(await second.count()).toBe(3)
    const added = await Promise.all([first.add('lock', 'first'), second.add('lock', 'second')])
    expect(added.filter(Boolean)).toHaveLength(1)
    expect(await second.get('lock')).toBe(added[0] ? 'first' : 'second')
    expect((await Promise.all([first.delete('lock'), second.delete('lock')])).filter(Boolean)).toHaveLength(1)
  })

  it('sorts text by code point on every database, whatever its collation', async () => {
    const kv = store('collation')
    const names = ['b', 'B', 'a', 'Z', 'é', 'e', '10', '9', 'a b', 'ab']
    for (const [i, name] of names.entries()) await kv.set(`k${i}`, { name })
    const sorted = (await kv.find<{ name: string }>({}, { sort: { name: 1 } })).map((value) => value.name)
    expect(sorted).toEqual(['10', '9', 'B', 'Z', 'a', 'a b', 'ab', 'b', 'e', 'é'])
    expect(await kv.count({ name: { $gt: 'Z' } })).toBe(6)
    expect(await kv.keys('k')).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9'])
    await kv.set('K', { name: 1 })
    expect((await kv.find<{ name: unknown }>({}, { sort: { name: -1 } })).map((value) => value.name)).toEqual([...sorted.reverse(), 1])
  })
})
