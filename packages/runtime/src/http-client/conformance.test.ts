import type { Client } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRuntime, type Runtime } from '../index.js'
import { fixtureBot } from '../http/testing/fixture-bot.js'
import { startTestServer, type TestServer } from '../http/testing/test-server.js'
import { createHttpClient } from './http-client.js'
import { scenarios, stable } from './testing/client-scenarios.js'

// One client in-process, one over HTTP, each on a bot of its own with a fresh database: every scenario must
// see the same results and the same errors on both.

const options = { stateSizeLimit: 2048, jobs: { mode: 'manual' } } as const
let runtime: Runtime
let server: TestServer
let clients: { inProcess: Client; http: Client }

beforeAll(async () => {
  ;[runtime, server] = await Promise.all([createRuntime({ ...fixtureBot(), botId: 'fixture', ...options }), startTestServer({ runtime: options })])
  clients = { inProcess: runtime.client(), http: createHttpClient({ url: server.url, token: server.botToken, botId: 'fixture' }) }
})
afterAll(async () => {
  await Promise.all([runtime.stop(), server.close()])
})

describe('the same Client in-process and over HTTP', () => {
  it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
    const [inProcess, http] = await Promise.all([scenario.run(clients.inProcess), scenario.run(clients.http)])
    expect(stable(http)).toEqual(stable(inProcess))
    expect(JSON.stringify(inProcess)).not.toContain('"error":"INTERNAL"')
  })

  it('served no 500', () => {
    expect(server.serverErrors).toEqual([])
  })
})
