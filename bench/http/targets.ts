import { randomBytes } from 'node:crypto'
import { createRuntime, openDatabase, type Database, type Runtime } from '@parley/runtime'
import { createRuntimesHost, startHttpServer } from '@parley/runtime/http'
import { startBaseline } from './baseline.js'
import { benchBot } from './bench-bot.js'
import { post, type Send } from './load.js'

/** Something to load, and how to stop it. */
export interface Target {
  readonly name: string
  readonly send: Send
  close(): Promise<void>
}

const USERS = 16
const text = { type: 'text', payload: { text: 'hello' } }

export async function baselineTarget(): Promise<Target> {
  const server = await startBaseline()
  const body = { conversationId: 'conv_0', userId: 'usr_0', ...text }
  return { name: 'node:http echo (ceiling)', send: () => post(`${server.url}/`, body), close: server.close }
}

/**
 * The bench bot on a database of its own, reached two ways: through the HTTP API, and by calling the
 * runtime in-process, which shows what the HTTP layer adds.
 */
export async function parleyTargets(name: string, db: Database, dispose: () => Promise<void>): Promise<[Target, Target]> {
  const runtime = await createRuntime({ ...benchBot(), botId: 'bench', database: db, jobs: { mode: 'manual' } })
  await runtime.start()
  const host = createRuntimesHost()
  host.serve(runtime)
  const token = randomBytes(24).toString('hex')
  const server = await startHttpServer({ host, tokens: [{ scope: 'admin', token }] })
  const parties = await createParties(runtime)
  const message = (index: number) => ({ ...parties[index % parties.length]!, ...text })
  const url = `${server.url}/v1/bots/bench/messages/incoming`
  const close = async () => {
    await server.close()
    await runtime.stop()
    await dispose()
  }
  return [
    { name: `Parley on ${name}, HTTP API`, send: (index) => post(url, message(index), { authorization: `Bearer ${token}` }), close },
    { name: `Parley on ${name}, in-process`, send: async (index) => void (await runtime.receiveMessage(message(index))), close: async () => {} },
  ]
}

async function createParties(runtime: Runtime) {
  const client = runtime.client()
  return Promise.all(Array.from({ length: USERS }, async () => {
    const [{ user }, { conversation }] = await Promise.all([client.getOrCreateUser({}), client.getOrCreateConversation({ channel: 'webchat' })])
    return { userId: user.id, conversationId: conversation.id }
  }))
}

export async function pgliteTargets(): Promise<Target[]> {
  const db = await openDatabase()
  return parleyTargets('PGlite (in memory)', db, () => db.close())
}

/** A fresh schema on the server, dropped afterwards. */
export async function postgresTargets(url: string): Promise<Target[]> {
  const schema = `parley_bench_${randomBytes(4).toString('hex')}`
  const db = await openDatabase({ url, schema })
  return parleyTargets('PostgreSQL', db, async () => {
    await db.query(`DROP SCHEMA ${schema} CASCADE`)
    await db.close()
  })
}
