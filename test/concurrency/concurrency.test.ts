import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRuntime, openDatabase, type Database, type Runtime } from '@parley/runtime'
import type { Message } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { concurrencyBot } from './support/bot.js'
import { startRuntimeProcess, type RuntimeProcess } from './support/processes.js'

// Two runtime processes of one bot on one PostgreSQL schema, and the guarantees users rely on when both
// take messages at once: a conversation's messages are handled one at a time in order, shared state loses
// no update, and a process killed mid-turn loses nothing it acknowledged and leaves nothing half written.

const url = process.env['PARLEY_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test'
const LEASE_MS = 1500

describe.skipIf(process.env['PARLEY_SKIP_POSTGRES'] === '1')('two runtime processes on one PostgreSQL', () => {
  const schema = `parley_concurrency_${randomBytes(5).toString('hex')}`
  let db: Database
  let runtime: Runtime
  let processes: RuntimeProcess[] = []
  const start = () => startRuntimeProcess({ PARLEY_CONCURRENCY_URL: url, PARLEY_CONCURRENCY_SCHEMA: schema, PARLEY_CONCURRENCY_LEASE_MS: String(LEASE_MS) })
  const parties = async (conversations = 1) => {
    const { user } = await runtime.client().getOrCreateUser({})
    const ids = await Promise.all(Array.from({ length: conversations }, async () => (await runtime.client().getOrCreateConversation({ channel: 'webchat' })).conversation.id))
    return { userId: user.id, conversationIds: ids }
  }
  const receive = (target: RuntimeProcess, conversationId: string, userId: string, text: string) =>
    target.call<Message>({ call: 'receive', message: { conversationId, userId, type: 'text', payload: { text } } })
  const transcript = async (conversationId: string) =>
    (await runtime.client().listMessages({ conversationId, limit: 1000 })).messages.map((message) => `${message.direction === 'incoming' ? 'user' : 'bot'}: ${(message.payload as { text: string }).text}`)
  const counter = async (conversationId: string) => (await runtime.client().getState({ type: 'conversation', id: conversationId, name: 'counter' }).catch(() => undefined))?.state.payload

  beforeAll(async () => {
    db = await openDatabase({ url, schema })
    runtime = await createRuntime({ ...concurrencyBot(), botId: 'shared', database: db, jobs: { mode: 'manual' } })
    processes = await Promise.all([start(), start()])
  })
  afterAll(async () => {
    await Promise.all(processes.map((child) => child.stop()))
    await runtime?.stop()
    await db?.query(`DROP SCHEMA ${schema} CASCADE`)
    await db?.close()
  })

  it('handle 100 messages sent at once into one conversation one at a time, in the order they were stored', async () => {
    const { userId, conversationIds: [conversationId] } = await parties()
    const texts = Array.from({ length: 100 }, (_, i) => `m${i}`)
    await Promise.all(texts.map((text, i) => receive(processes[i % 2]!, conversationId!, userId, text)))
    const lines = await transcript(conversationId!)
    const received = lines.filter((line) => line.startsWith('user: ')).map((line) => line.slice('user: '.length))
    expect([...received].sort()).toEqual([...texts].sort())
    // Each reply follows its message and counts it: no two handlers read the same counter.
    expect(lines).toEqual(received.flatMap((text, i) => [`user: ${text}`, `bot: #${i + 1} ${text}`]))
    expect(await counter(conversationId!)).toEqual({ n: 100, texts: received })
  })

  it('lose none of 100 concurrent updates of one bot state, from turns and from outside', async () => {
    await Promise.all(Array.from({ length: 100 }, (_, i) => processes[i % 2]!.call(i % 4 < 2 ? { call: 'bump' } : { call: 'update' })))
    expect((await runtime.client().getState({ type: 'bot', id: 'shared', name: 'tally' })).state.payload).toEqual({ n: 100 })
  })

  it('count 100 strikes of 100 in the moderation plugin, for one user writing in several conversations', async () => {
    const { userId, conversationIds } = await parties(10)
    await Promise.all(Array.from({ length: 100 }, (_, i) => receive(processes[i % 2]!, conversationIds[i % 10]!, userId, `spam ${i}`)))
    expect((await runtime.callAction('moderation:strikes', { userId })).count).toBe(100)
  })

  it('lose no acknowledged message when a process is killed mid-turn, store nothing of that turn, and free its conversation', async () => {
    const [doomed, survivor] = processes as [RuntimeProcess, RuntimeProcess]
    const { userId, conversationIds } = await parties(4)
    const acknowledged: string[] = []
    const sends = conversationIds.flatMap((conversationId, c) => Array.from({ length: 10 }, (_, i) => {
      const text = `c${c} m${i}`
      return receive(i % 2 ? survivor : doomed, conversationId, userId, text).then(() => void acknowledged.push(text), () => undefined)
    }))
    // The doomed process takes the first conversation and never ends that turn: it is killed in it.
    const hanging = receive(doomed, conversationIds[0]!, userId, 'hang').catch(() => 'lost')
    await doomed.hanging()
    await doomed.kill()
    expect(await hanging).toBe('lost')
    await Promise.all(sends)
    processes[0] = await start()

    // Every conversation is served again (the dead process's ticket lapsed), in order, by the survivor.
    for (const conversationId of conversationIds) await receive(survivor, conversationId, userId, 'after')
    for (const [c, conversationId] of conversationIds.entries()) {
      const lines = await transcript(conversationId)
      const received = lines.filter((line) => line.startsWith('user: ')).map((line) => line.slice('user: '.length))
      for (const text of acknowledged.filter((text) => text.startsWith(`c${c} `))) expect(received).toContain(text)
      expect(received).not.toContain('hang')
      expect(lines).toEqual(received.flatMap((text, i) => [`user: ${text}`, `bot: #${i + 1} ${text}`]))
      expect((await counter(conversationId))?.n).toBe(received.length)
    }
  })
})

describe('a runtime process on the embedded database', () => {
  it('killed mid-turn, keeps every message it acknowledged and nothing of the turn it was in', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-crash-'))
    try {
      const child = await startRuntimeProcess({ PARLEY_CONCURRENCY_DATA_DIR: dataDir })
      const parties = { conversationId: 'conv_crash', userId: 'user_crash' }
      // The embedded database is the process's own while it runs: it makes the user and the conversation itself.
      await child.call({ call: 'parties', ...parties })
      for (let i = 0; i < 5; i++) await child.call({ call: 'receive', message: { ...parties, type: 'text', payload: { text: `m${i}` } } })
      const hanging = child.call({ call: 'receive', message: { ...parties, type: 'text', payload: { text: 'hang' } } }).catch(() => 'lost')
      await child.hanging()
      await child.kill()
      expect(await hanging).toBe('lost')

      const db = await openDatabase({ dataDir })
      const runtime = await createRuntime({ ...concurrencyBot(), botId: 'shared', database: db, jobs: { mode: 'manual' } })
      const texts = (await runtime.client().listMessages({ conversationId: parties.conversationId })).messages.map((message) => (message.payload as { text: string }).text)
      expect(texts).toEqual(['m0', '#1 m0', 'm1', '#2 m1', 'm2', '#3 m2', 'm3', '#4 m3', 'm4', '#5 m4'])
      expect((await runtime.client().getState({ type: 'conversation', id: parties.conversationId, name: 'counter' })).state.payload).toMatchObject({ n: 5 })
      await runtime.stop()
      await db.close()
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
