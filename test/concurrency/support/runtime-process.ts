// A bot runtime in a process of its own, on the PostgreSQL schema (or embedded data directory) the parent
// names, driven over IPC:
// { id, call: 'receive' | 'bump' | 'update', … } → { id, result } or { id, error: { code, message } }.
import { createRuntime, openDatabase } from '@parley/runtime'
import { concurrencyBot } from './bot.js'

const dataDir = process.env['PARLEY_CONCURRENCY_DATA_DIR']
const database = await openDatabase(dataDir ? { dataDir } : { url: process.env['PARLEY_CONCURRENCY_URL']!, schema: process.env['PARLEY_CONCURRENCY_SCHEMA']! })
const runtime = await createRuntime({
  ...concurrencyBot(), botId: 'shared', database, jobs: { mode: 'manual' },
  turns: { leaseMs: Number(process.env['PARLEY_CONCURRENCY_LEASE_MS'] ?? 30_000) },
})
await runtime.start()

type Request =
  | { id: number; call: 'receive'; message: Parameters<typeof runtime.receiveMessage>[0] }
  | { id: number; call: 'bump' }
  | { id: number; call: 'update' }
  | { id: number; call: 'parties'; conversationId: string; userId: string }

const calls = {
  receive: async (request: Extract<Request, { call: 'receive' }>) => (await runtime.receiveMessage(request.message)).message,
  bump: async () => runtime.callAction('bump', {}),
  parties: async (request: Extract<Request, { call: 'parties' }>) => {
    await runtime.client().getOrCreateUser({ id: request.userId })
    await runtime.client().getOrCreateConversation({ id: request.conversationId, channel: 'webchat' })
    return { ok: true }
  },
  update: async () => (await runtime.client().updateState({ type: 'bot', id: 'shared', name: 'tally', default: { n: 0 }, update: (tally: { n: number }) => ({ n: tally.n + 1 }) })).state,
}

process.on('message', (request: Request) => {
  calls[request.call](request as never).then(
    (result) => process.send!({ id: request.id, result }),
    (error: { code?: string; message?: string }) => process.send!({ id: request.id, error: { code: error.code, message: error.message } }),
  )
})
process.send!({ ready: true })
