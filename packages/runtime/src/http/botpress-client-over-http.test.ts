import type { Client } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpClient } from '../http-client/http-client.js'
import { testDrivers, STARTUP_TIMEOUT } from '../storage/testing/test-databases.js'
import { startTestServer, type TestServer } from './testing/test-server.js'

describe.each(testDrivers())('Botpress client operations over HTTP on $name', (driver) => {
  let t: TestServer
  let client: Client
  beforeAll(async () => {
    t = await startTestServer({ driver })
    client = createHttpClient({ url: t.url, botId: 'fixture', token: t.adminToken })
  }, STARTUP_TIMEOUT)
  afterAll(() => t.close())

  it('counts analytics and reads the counters back by name and prefix', async () => {
    expect(await client.trackAnalytics({ name: 'kb:search' })).toEqual({})
    await Promise.all(Array.from({ length: 20 }, () => client.trackAnalytics({ name: 'kb:search', count: 2 })))
    await client.trackAnalytics({ name: 'kb:hit', count: 5 })
    expect((await client.listAnalytics({ names: ['kb:search'] })).analytics).toMatchObject([{ name: 'kb:search', count: 41 }])
    expect((await client.listAnalytics({ prefix: 'kb:' })).analytics.map((c) => c.name)).toEqual(['kb:hit', 'kb:search'])
    await expect(client.trackAnalytics({ name: 'kb:search', count: 1e308 })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('count') })
    await expect(client.trackAnalytics({ name: 'kb:search', count: 0 })).rejects.toMatchObject({ status: 400 })
    expect((await client.listAnalytics({ names: ['kb:search'] })).analytics[0]!.count).toBe(41)
  })

  it('writes and queries the rows of a table created at run time', async () => {
    await client.createTable({ name: 'articles', schema: { type: 'object', properties: { title: { type: 'string' }, views: { type: 'integer' } } } })
    const { rows } = await client.createTableRows({ table: 'articles', rows: [{ title: 'a', views: 3 }, { title: 'b', views: 9 }] })
    expect(rows.map((row) => row['title'])).toEqual(['a', 'b'])
    expect(await client.findTableRows({ table: 'articles', filter: { views: { $gt: 5 } } })).toMatchObject({ total: 1, rows: [{ title: 'b' }] })
    expect(await client.getTableRow({ table: 'articles', id: rows[0]!.id })).toMatchObject({ row: { title: 'a' } })
    await client.updateTableRows({ table: 'articles', ids: [rows[0]!.id], patch: { views: 4 } })
    expect((await client.upsertTableRows({ table: 'articles', keyColumn: 'title', rows: [{ title: 'a', views: 5 }, { title: 'c' }] })).inserted).toHaveLength(1)
    expect((await client.aggregateTableRows({ table: 'articles', groupBy: [], aggregates: { total: { $sum: 'views' } } })).rows).toEqual([{ total: 14 }])
    await expect(client.createTableRows({ table: 'articles', rows: [{ title: 7 }] })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('title') })
    expect(await client.deleteTableRows({ table: 'articles', all: true })).toEqual({ deleted: 3 })
    await client.deleteTable({ table: 'articles' })
    await expect(client.findTableRows({ table: 'articles' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('"articles"') })
  })
})
