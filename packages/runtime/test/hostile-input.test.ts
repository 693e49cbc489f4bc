import type { Client } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRuntime } from '../src/index.js'
import type { Runtime } from '../src/index.js'
import { LIMITS } from '../src/guards/index.js'
import { fixtureBot } from '../src/http/testing/fixture-bot.js'
import { testDrivers, type TestDatabase } from '../src/storage/testing/test-databases.js'

// The same bounds and checks hold for code calling the client in-process (a plugin, a handler) as over
// HTTP: a coded error naming the field, never a driver crash, a TypeError or a silently changed value.

/** What a refused call rejects with: its code, and the text that names the field. */
async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await call.then(() => undefined, (caught: unknown) => caught)
  expect(error, 'the call should have been refused').toBeDefined()
  const { code, message } = error as { code: string; message: string }
  return { code, message }
}

describe.each(testDrivers().map((driver) => [driver.name, driver] as const))('hostile input to the client in-process on %s', (_name, driver) => {
  let database: TestDatabase
  let runtime: Runtime
  let bot: Client
  let plugin: Client
  beforeAll(async () => {
    database = await driver.open()
    runtime = await createRuntime({ ...fixtureBot(), botId: 'fixture', database: database.db, jobs: { mode: 'manual' } })
    bot = runtime.client()
    plugin = runtime.client({ alias: 'counter' })
  })
  afterAll(async () => {
    await runtime?.stop()
    await database?.dispose()
  })

  it('a plugin finding rows by 50,000 $in values gets a coded error, and the database answers as before', async () => {
    await bot.createTableRows({ table: 'notes', rows: [{ title: 'kept', score: 1, topic: 't' }] })
    const values = Array.from({ length: 50_000 }, (_, i) => i)
    expect(await refusal(plugin.findTableRows({ table: 'notes', filter: { score: { $in: values } } }))).toEqual({ code: 'QUERY_INVALID', message: expect.stringContaining(`more than ${LIMITS.filterValues} values`) })
    expect((await plugin.findTableRows({ table: 'notes', filter: { title: 'kept' } })).rows).toHaveLength(1)
    expect((await bot.getOrCreateUser({ name: 'after' })).user.name).toBe('after')
  })

  it('a filter nested 2,000 $not deep, or past the filter depth, is refused before anything recurses into it', async () => {
    const nested = (depth: number) => {
      let filter: Record<string, unknown> = { score: 1 }
      for (let i = 0; i < depth; i++) filter = { $not: filter }
      return filter
    }
    expect(await refusal(bot.findTableRows({ table: 'notes', filter: nested(2000) }))).toEqual({ code: 'INPUT_INVALID', message: expect.stringContaining(`more than ${LIMITS.depth} deep`) })
    expect(await refusal(bot.findTableRows({ table: 'notes', filter: nested(LIMITS.filterDepth + 1) }))).toEqual({ code: 'QUERY_INVALID', message: expect.stringContaining(`nest more than ${LIMITS.filterDepth} deep`) })
    expect((await bot.findTableRows({ table: 'notes', filter: nested(LIMITS.filterDepth) })).rows).toBeDefined()
  })

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('state name %s is an unknown state, not a TypeError', async (name) => {
    for (const client of [bot, plugin]) {
      const { code, message } = await refusal(client.getState({ type: 'bot', id: 'fixture', name } as never))
      expect(code).toBe('NAME_UNKNOWN')
      expect(message).toContain(`no state "${name}"`)
      expect((await refusal(client.setState({ type: 'bot', id: 'fixture', name, payload: {} } as never))).code).toBe('NAME_UNKNOWN')
    }
  })

  it.each(['__proto__', 'constructor', 'toString'])('table, action, event and workflow name %s is unknown', async (name) => {
    expect((await refusal(bot.findTableRows({ table: name }))).code).toBe('NAME_UNKNOWN')
    expect((await refusal(bot.callAction({ type: name, input: {} }))).code).toBe('NAME_UNKNOWN')
    expect((await refusal(bot.createEvent({ type: name, payload: {} }))).code).toBe('NAME_UNKNOWN')
    expect((await refusal(bot.startWorkflow({ name, input: {} }))).code).toBe('NAME_UNKNOWN')
    expect((await refusal(bot.getOrCreateConversation({ channel: `relay:${name}` }))).code).toBe('NAME_UNKNOWN')
  })

  it('NUL and lone surrogates are refused wherever they are, naming the field', async () => {
    const { conversation } = await bot.getOrCreateConversation({})
    const { user } = await bot.getOrCreateUser({})
    expect(await refusal(bot.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text: 'a\u0000b' } }))).toEqual({ code: 'INPUT_INVALID', message: expect.stringContaining('payload.text: holds a NUL') })
    expect(await refusal(bot.updateUser({ id: user.id, tags: { plan: '\ud800' } }))).toEqual({ code: 'INPUT_INVALID', message: expect.stringContaining('tags.plan: holds a lone UTF-16 surrogate') })
    expect(await refusal(bot.createTableRows({ table: 'notes', rows: [{ title: 'x\u0000', score: 1, topic: 't' }] }))).toEqual({ code: 'INPUT_INVALID', message: expect.stringContaining('rows.0.title') })
    expect(await refusal(bot.getUser({ id: 'u\u0000' }))).toEqual({ code: 'INPUT_INVALID', message: expect.stringContaining('id: holds a NUL') })
    expect(await refusal(plugin.setState({ type: 'bot', id: 'fixture', name: 'seen', payload: { count: 1, ['k\udc00']: 1 } } as never))).toMatchObject({ code: 'INPUT_INVALID' })
  })

  it('storage refuses such text too, for any code that reaches it', async () => {
    const refused = { code: 'TEXT_INVALID', message: expect.stringContaining('NUL') }
    expect(await refusal(runtime.database.query('SELECT $1::text', ['a\u0000b']))).toEqual(refused)
    expect(await refusal(runtime.database.query('SELECT $1::text', ['\ud800']))).toEqual({ code: 'TEXT_INVALID', message: expect.stringContaining('surrogate') })
    expect(await refusal(runtime.database.query('SELECT $1::text::jsonb', [JSON.stringify({ a: 'a\u0000' })]))).toEqual(refused)
    expect(await refusal(runtime.database.query('SELECT $1::text::jsonb', [JSON.stringify({ a: '\ud800' })]))).toMatchObject({ code: 'TEXT_INVALID' })
    expect(await refusal(runtime.database.transaction((tx) => tx.query('SELECT $1::text', ['\u0000'])))).toEqual(refused)
  })

  it('numbers out of range are refused', async () => {
    expect((await refusal(bot.listUsers({ offset: 1e20 }))).code).toBe('PAGE_INVALID')
    expect((await refusal(bot.findTableRows({ table: 'notes', offset: 1e20 }))).code).toBe('PAGE_INVALID')
    expect((await refusal(bot.setState({ type: 'bot', id: 'fixture', name: 'notebook', payload: {}, expiry: 1e308 } as never))).code).toBe('INPUT_INVALID')
    expect((await refusal(bot.createEvent({ type: 'pinged', payload: { note: 'x' }, schedule: { delayMs: 1e308 } }))).code).toBe('INPUT_INVALID')
    expect((await refusal(bot.startWorkflow({ name: 'onboarding', input: { step: 'x' }, timeoutMs: Number.POSITIVE_INFINITY }))).code).toBe('INPUT_INVALID')
    expect((await refusal(bot.getTableRow({ table: 'notes', id: 1e20 }))).code).toBe('QUERY_INVALID')
  })

  it('calls over the size limits are refused, naming the limit', async () => {
    const over = (limit: number) => expect.stringContaining(`at most ${limit}`)
    expect(await refusal(bot.createTableRows({ table: 'notes', rows: Array.from({ length: LIMITS.rows + 1 }, () => ({ title: 'a', score: 1, topic: 't' })) }))).toEqual({ code: 'QUERY_INVALID', message: over(LIMITS.rows) })
    expect(await refusal(bot.deleteTableRows({ table: 'notes', ids: Array.from({ length: LIMITS.ids + 1 }, (_, i) => i + 1) }))).toEqual({ code: 'QUERY_INVALID', message: over(LIMITS.ids) })
    expect(await refusal(bot.aggregateTableRows({ table: 'notes', groupBy: Array.from({ length: LIMITS.groupBy + 1 }, () => 'topic'), aggregates: {} }))).toEqual({ code: 'QUERY_INVALID', message: over(LIMITS.groupBy) })
    expect(await refusal(bot.aggregateTableRows({ table: 'notes', groupBy: [], aggregates: { ['__proto__']: { $count: true } } }))).toEqual({ code: 'QUERY_INVALID', message: expect.stringContaining('reserved') })
    expect(await refusal(bot.aggregateTableRows({ table: 'notes', groupBy: [], aggregates: { n: { constructor: 'x' } as never } }))).toMatchObject({ code: 'QUERY_INVALID' })
    expect(await refusal(bot.getOrCreateUser({ tags: { ['__proto__']: 'x' } }))).toMatchObject({ code: 'INPUT_INVALID' })
    expect(await refusal(bot.getOrCreateUser({ tags: Object.fromEntries(Array.from({ length: LIMITS.tags + 1 }, (_, i) => [`t${i}`, 'x'])) }))).toEqual({ code: 'INPUT_INVALID', message: over(LIMITS.tags) })
    expect(await refusal(bot.getOrCreateUser({ id: 'u'.repeat(LIMITS.idLength + 1) }))).toMatchObject({ code: 'INPUT_INVALID' })
    expect(await refusal(bot.createTableRows({ table: 'notes', rows: [{ title: 'a', score: 1, topic: 'é'.repeat(LIMITS.indexedValueBytes) }] }))).toEqual({ code: 'ROW_INVALID', message: expect.stringContaining('field "topic"') })
  })

  it('an aggregate with more groups than the limit is refused rather than returned in full', async () => {
    await bot.deleteTableRows({ table: 'notes', all: true })
    const rows = Array.from({ length: LIMITS.groups + 1 }, (_, i) => ({ title: `t${i}`, score: i, topic: 'many' }))
    await bot.createTableRows({ table: 'notes', rows: rows.slice(0, LIMITS.rows) })
    await bot.createTableRows({ table: 'notes', rows: rows.slice(LIMITS.rows) })
    expect(await refusal(bot.aggregateTableRows({ table: 'notes', groupBy: ['title'], aggregates: { n: { $count: true } } }))).toEqual({ code: 'QUERY_INVALID', message: expect.stringContaining(`more than ${LIMITS.groups} groups`) })
    expect(await bot.aggregateTableRows({ table: 'notes', groupBy: ['topic'], aggregates: { n: { $count: true } } })).toEqual({ rows: [{ topic: 'many', n: LIMITS.groups + 1 }] })
  })

  it('left Object.prototype as it was', () => {
    expect(Object.keys(Object.prototype)).toEqual([])
  })
})
