import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStateStore, type StateKey, type StateStore } from './states.js'
import { StateTooLargeError } from '../errors/state-too-large-error.js'
import { StateVersionConflictError } from '../errors/state-version-conflict-error.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.each(testDrivers())('states on $name', (driver) => {
  let testDb: TestDatabase
  let states: StateStore
  let n = 0
  const key = (type: StateKey['type'] = 'user'): StateKey => ({ type, id: `owner_${++n}`, name: 'profile' })
  beforeAll(async () => {
    testDb = await openMigrated(driver)
    states = createStateStore(testDb.db, 'bot-a')
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  it('sets and gets a state by owner and name', async () => {
    const k = key()
    expect(await states.get(k)).toBeUndefined()
    const written = await states.set(k, { name: 'Ada', visits: 1 })
    expect(written).toEqual({ ...k, payload: { name: 'Ada', visits: 1 }, version: 1, createdAt: expect.any(String), updatedAt: expect.any(String) })
    expect(await states.get(k)).toEqual(written)
  })

  it('keeps states apart by bot, owner type, owner id and name', async () => {
    const k = key('conversation')
    await states.set(k, { v: 'a' })
    expect(await createStateStore(testDb.db, 'bot-b').get(k)).toBeUndefined()
    expect(await states.get({ ...k, type: 'user' })).toBeUndefined()
    expect(await states.get({ ...k, id: 'other' })).toBeUndefined()
    expect(await states.get({ ...k, name: 'other' })).toBeUndefined()
  })

  it('replaces the whole payload on set', async () => {
    const k = key()
    await states.set(k, { a: 1, b: 2 })
    expect((await states.set(k, { c: 3 })).payload).toEqual({ c: 3 })
  })

  it('getOrSet writes the payload only when there is no state', async () => {
    const k = key('bot')
    expect((await states.getOrSet(k, { count: 0 })).payload).toEqual({ count: 0 })
    await states.set(k, { count: 5 })
    expect((await states.getOrSet(k, { count: 0 })).payload).toEqual({ count: 5 })
  })

  it('getOrSet from many connections at once agrees on one state', async () => {
    const k = key('bot')
    const others = await Promise.all([testDb.openAnother(), testDb.openAnother()])
    const stores = [states, ...others.map((db) => createStateStore(db, 'bot-a'))]
    const results = await Promise.all(stores.map((store, i) => store.getOrSet(k, { winner: i })))
    expect(new Set(results.map((result) => JSON.stringify(result.payload))).size).toBe(1)
  })

  it('patch replaces the given top-level fields and keeps the others', async () => {
    const k = key()
    await states.set(k, { name: 'Ada', prefs: { theme: 'dark', lang: 'en' }, visits: 1 })
    const patched = await states.patch(k, { prefs: { lang: 'fr' }, visits: 2 })
    expect(patched.payload).toEqual({ name: 'Ada', prefs: { lang: 'fr' }, visits: 2 })
    expect((await states.get(k))?.payload).toEqual(patched.payload)
  })

  it('refuses to patch a state that does not exist, naming it', async () => {
    await expect(states.patch({ type: 'user', id: 'user_9', name: 'prefs' }, { a: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND', message: 'state "prefs" of user "user_9" does not exist in bot "bot-a"; set it before patching it',
    })
  })

  it('deletes a state, saying whether there was one', async () => {
    const k = key()
    await states.set(k, { a: 1 })
    expect(await states.delete(k)).toBe(true)
    expect(await states.get(k)).toBeUndefined()
    expect(await states.delete(k)).toBe(false)
  })

  describe('versions', () => {
    it('start at 1 and grow by one with each write; getOrSet of a set state writes nothing', async () => {
      const k = key()
      expect((await states.getOrSet(k, { n: 0 })).version).toBe(1)
      expect((await states.getOrSet(k, { n: 9 })).version).toBe(1)
      expect((await states.set(k, { n: 1 })).version).toBe(2)
      expect((await states.patch(k, { m: 1 })).version).toBe(3)
      expect((await states.update(k, (payload) => ({ ...payload, n: 2 }))).version).toBe(4)
      expect(await states.get(k)).toMatchObject({ version: 4, payload: { n: 2, m: 1 } })
    })

    it('write only at the version given, and otherwise name both versions and write nothing', async () => {
      const k = key()
      await states.set(k, { n: 1 })
      expect((await states.set(k, { n: 2 }, { ifVersion: 1 })).version).toBe(2)
      const stale = states.set(k, { n: 3 }, { ifVersion: 1 })
      await expect(stale).rejects.toBeInstanceOf(StateVersionConflictError)
      await expect(stale).rejects.toMatchObject({ code: 'STATE_VERSION_CONFLICT', expected: 1, actual: 2, message: expect.stringContaining(`state "profile" of user "${k.id}" is at version 2, not at version 1`) })
      await expect(states.patch(k, { x: 1 }, { ifVersion: 1 })).rejects.toMatchObject({ code: 'STATE_VERSION_CONFLICT' })
      await expect(states.delete(k, { ifVersion: 1 })).rejects.toMatchObject({ code: 'STATE_VERSION_CONFLICT' })
      expect(await states.get(k)).toMatchObject({ version: 2, payload: { n: 2 } })
      expect(await states.delete(k, { ifVersion: 2 })).toBe(true)
      await expect(states.set(k, { n: 1 }, { ifVersion: 2 })).rejects.toMatchObject({ code: 'STATE_VERSION_CONFLICT', actual: 0 })
      expect(await states.get(k)).toBeUndefined()
    })

    it('update starts from the default when the state is not set, and refuses without one', async () => {
      const k = key()
      await expect(states.update(k, (payload) => payload)).rejects.toMatchObject({ code: 'STATE_NOT_FOUND' })
      const counted = await states.update(k, (payload) => ({ n: (payload['n'] as number) + 1 }), { default: { n: 10 } })
      expect(counted).toMatchObject({ version: 1, payload: { n: 11 } })
    })

    it('lose no update or patched field when many connections write at once', async () => {
      const k = key('bot')
      await states.set(k, { n: 0 })
      const others = await Promise.all([testDb.openAnother(), testDb.openAnother(), testDb.openAnother()])
      const stores = [states, ...others.map((db) => createStateStore(db, 'bot-a'))]
      const increments = Array.from({ length: 100 }, (_, i) => stores[i % stores.length]!.update(k, (payload) => ({ ...payload, n: (payload['n'] as number) + 1 })))
      const fields = Array.from({ length: 20 }, (_, i) => stores[i % stores.length]!.patch(k, { [`f${i}`]: i }))
      await Promise.all([...increments, ...fields])
      const final = (await states.get(k))!
      expect(final.payload['n']).toBe(100)
      expect(Object.keys(final.payload).filter((name) => name.startsWith('f'))).toHaveLength(20)
      expect(final.version).toBe(121)
    })
  })

  describe('expiry', () => {
    it('sets expiresAt from the expiry of each write, and clears it on a write without one', async () => {
      const k = key()
      const before = Date.now()
      const written = await states.set(k, { a: 1 }, { expiry: 60_000 })
      const took = Date.now() - before
      // Counted from the write: a minute after `before`, give or take how long the call took (and a second of clock skew).
      const expiresIn = Date.parse(written.expiresAt!) - before
      expect(expiresIn).toBeGreaterThan(59_000)
      expect(expiresIn).toBeLessThan(61_000 + took)
      const patched = await states.patch(k, { b: 2 }, { expiry: 3_600_000 })
      expect(Date.parse(patched.expiresAt!)).toBeGreaterThan(Date.parse(written.expiresAt!))
      expect(await states.set(k, { a: 1 })).not.toHaveProperty('expiresAt')
    })

    it('reads an expired state as absent, and getOrSet and set start it afresh', async () => {
      const k = key()
      await states.set(k, { old: true }, { expiry: 1 })
      await pause(20)
      expect(await states.get(k)).toBeUndefined()
      await expect(states.patch(k, { a: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect((await states.getOrSet(k, { fresh: true })).payload).toEqual({ fresh: true })
    })

    it('lists states expired at a given time, soonest first, only for this bot', async () => {
      const store = createStateStore(testDb.db, 'bot-expiry')
      const [soon, later, never, notYet] = [key(), key(), key(), key()]
      // Expiries far enough ahead that however slow the machine, none has passed when the test asks "now".
      await store.set(later, { n: 'later' }, { expiry: 20 * 60_000 })
      await store.set(soon, { n: 'soon' }, { expiry: 10 * 60_000 })
      await store.set(never, { n: 'never' })
      await store.set(notYet, { n: 'not yet' }, { expiry: 24 * 3_600_000 })
      await createStateStore(testDb.db, 'bot-other').set(key(), { n: 'other bot' }, { expiry: 1 })
      const inOneHour = new Date(Date.now() + 3_600_000)
      expect((await store.listExpired(inOneHour)).map((state) => state.payload['n'])).toEqual(['soon', 'later'])
      expect((await store.listExpired(inOneHour, 1)).map((state) => state.payload['n'])).toEqual(['soon'])
      expect(await store.listExpired()).toEqual([])
      expect(await store.get(soon)).toBeDefined()
    })

    it('takeExpired hands each expired state to one caller and deletes it', async () => {
      const store = createStateStore(testDb.db, 'bot-sweep')
      for (let i = 0; i < 6; i++) await store.set(key(), { i }, { expiry: 1 })
      await pause(20)
      const other = createStateStore(await testDb.openAnother(), 'bot-sweep')
      const [mine, theirs] = await Promise.all([store.takeExpired(undefined, 4), other.takeExpired(undefined, 4)])
      const taken = [...mine, ...theirs].map((state) => state.payload['i']).sort()
      expect(taken).toEqual([0, 1, 2, 3, 4, 5])
      expect(await store.listExpired(new Date(Date.now() + 60_000))).toEqual([])
    })

    it('refuses an expiry that is not a positive number of milliseconds', async () => {
      await expect(states.set(key(), {}, { expiry: 0 })).rejects.toMatchObject({ code: 'STATE_EXPIRY_INVALID' })
      await expect(states.set(key(), {}, { expiry: Number.NaN })).rejects.toMatchObject({ code: 'STATE_EXPIRY_INVALID' })
    })
  })

  describe('size limit', () => {
    const big = (bytes: number) => ({ blob: 'x'.repeat(bytes - '{"blob":""}'.length) })

    it('accepts a payload of exactly 128 KiB of JSON and refuses one byte more, naming state, size and limit', async () => {
      const k = key()
      await states.set(k, big(128 * 1024))
      const refusal = states.set(k, big(128 * 1024 + 1))
      await expect(refusal).rejects.toBeInstanceOf(StateTooLargeError)
      await expect(refusal).rejects.toMatchObject({
        code: 'STATE_TOO_LARGE', size: 131073, limit: 131072,
        message: `state "profile" (user "${k.id}") would be 128.0 KiB (131073 bytes) of JSON, over the limit of 128.0 KiB (131072 bytes); nothing was written. Keep large or growing data in a table, or raise the state size limit`,
      })
    })

    it('counts bytes of UTF-8, not characters', async () => {
      const store = createStateStore(testDb.db, 'bot-a', { sizeLimit: 20 })
      await expect(store.set(key(), { t: 'ééééééé' })).rejects.toMatchObject({ size: 22 })
    })

    it('leaves the state as it was when set, patch or getOrSet is refused', async () => {
      const store = createStateStore(testDb.db, 'bot-a', { sizeLimit: 100 })
      const k = key()
      const original = await store.set(k, { keep: 'me' }, { expiry: 60_000 })
      await expect(store.set(k, big(101))).rejects.toMatchObject({ code: 'STATE_TOO_LARGE' })
      await expect(store.patch(k, big(101))).rejects.toMatchObject({ code: 'STATE_TOO_LARGE' })
      expect(await store.get(k)).toEqual(original)
      const fresh = key()
      await expect(store.getOrSet(fresh, big(101))).rejects.toMatchObject({ code: 'STATE_TOO_LARGE' })
      expect(await store.get(fresh)).toBeUndefined()
    })

    it('checks the merged payload on patch', async () => {
      const store = createStateStore(testDb.db, 'bot-a', { sizeLimit: 60 })
      const k = key()
      await store.set(k, { a: 'x'.repeat(30) })
      await expect(store.patch(k, { b: 'y'.repeat(30) })).rejects.toMatchObject({ code: 'STATE_TOO_LARGE' })
      expect((await store.get(k))?.payload).toEqual({ a: 'x'.repeat(30) })
    })
  })
})
