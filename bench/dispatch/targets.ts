import { randomBytes } from 'node:crypto'
import { createRuntime, openDatabase, type Database, type Queryable } from '@parley/runtime'
import type * as RuntimeBuild from '@parley/runtime'
import type { Send } from '../http/load.js'
import { counting, type Counts } from './counting.js'
import { bareFloor, benchBot, CONVERSATIONS } from './scenario.js'

/** Something to load at a given concurrency, and how to stop it. */
export interface Target {
  readonly name: string
  readonly send: Send
  /** Statements and commits sent while it ran, for the Parley targets. */
  readonly counts?: { readonly counts: Counts; reset(): void }
  /** Writes what the target keeps to write later (a runtime's traces), so the work it did is all done. */
  readonly settle?: () => Promise<void>
  close(): Promise<void>
}

export function floorTarget(): Target {
  const handle = bareFloor()
  return { name: 'bare JavaScript, state in a Map (floor)', send: (index) => handle(`conv_${index % CONVERSATIONS}`, 'hello'), close: async () => {} }
}

/** What `parleyTarget` runs: this build of the runtime, or another one loaded beside it (`build-ab.ts`). */
export type Build = Pick<typeof RuntimeBuild, 'createRuntime' | 'openDatabase'>

/** The bench bot in-process, on `db`, with a user and a conversation for each of the 256 conversations. */
export async function parleyTarget(name: string, db: Database, options: { readonly traces?: boolean; readonly traceBatch?: { maxRows?: number; delayMs?: number }; readonly build?: Build } = {}): Promise<Target> {
  const counted = counting(db)
  const traces = options.traces ?? true
  const runtime = await (options.build?.createRuntime ?? createRuntime)({ ...benchBot(), botId: 'bench', database: counted.db, jobs: { mode: 'manual' }, traces: { enabled: traces, ...(options.traceBatch ? { batch: options.traceBatch } : {}) } })
  await runtime.start()
  const client = runtime.client()
  const parties = await Promise.all(Array.from({ length: CONVERSATIONS }, async () => {
    const [{ user }, { conversation }] = await Promise.all([client.getOrCreateUser({}), client.getOrCreateConversation({ channel: 'webchat' })])
    return { userId: user.id, conversationId: conversation.id }
  }))
  return {
    name: `Parley in-process on ${name}${traces ? '' : ', traces off'}`,
    send: async (index) => void (await runtime.receiveMessage({ ...parties[index % CONVERSATIONS]!, type: 'text', payload: { text: 'hello' } })),
    counts: counted,
    // A studio read writes the traces that wait first.
    settle: async () => void (await runtime.studio.turns(parties[0]!.conversationId, 1)),
    close: () => runtime.stop(),
  }
}

/**
 * The database's own speed for the same work: `statements` statements per message (a read of the counter,
 * its update, then inserts) in one transaction, through the same driver, over the same 256 conversations.
 */
export async function rawTarget(name: string, db: Database, statements: number): Promise<Target> {
  const suffix = randomBytes(3).toString('hex')
  const [counters, messages] = [`bench_counters_${suffix}`, `bench_messages_${suffix}`]
  await db.query(`CREATE TABLE ${counters} (id text PRIMARY KEY, n integer NOT NULL); CREATE TABLE ${messages} (id bigserial PRIMARY KEY, conversation_id text NOT NULL, text text NOT NULL)`)
  await db.query(`INSERT INTO ${counters} SELECT 'conv_' || i, 0 FROM generate_series(0, ${CONVERSATIONS - 1}) i`)
  const work = [
    `SELECT n FROM ${counters} WHERE id = $1`,
    `UPDATE ${counters} SET n = n + 1 WHERE id = $1`,
    `INSERT INTO ${messages} (conversation_id, text) VALUES ($1, 'hello')`,
  ]
  const sql = Array.from({ length: statements }, (_, i) => work[Math.min(i, work.length - 1)]!)
  return {
    name: `raw ${name}: ${statements} statements in one transaction (ceiling)`,
    send: (index) => db.transaction(async (tx) => {
      // Named, as the runtime's own statements are: prepared once on a server, sent in one call to PGlite.
      for (const [i, statement] of sql.entries()) await tx.query(statement, [`conv_${index % CONVERSATIONS}`], { name: `bench_raw_${suffix}_${i}` })
    }),
    close: async () => void (await db.query(`DROP TABLE ${counters}, ${messages}`)),
  }
}

/**
 * The database's speed for the writes a turn stores, done the usual way: read the counter, insert the
 * message and its reply, write the counter, in one transaction, in Parley's own tables (same indexes).
 */
export async function sameWritesTarget(name: string, db: Database): Promise<Target> {
  await (await createRuntime({ ...benchBot(), botId: 'bench_schema', database: db })).stop() // brings Parley's tables in
  const bot = `raw_${randomBytes(3).toString('hex')}`
  await db.query(`INSERT INTO parley_users (bot_id, id) VALUES ('${bot}', 'user');
    INSERT INTO parley_conversations (bot_id, id, channel, integration) SELECT '${bot}', 'conv_' || i, 'webchat', 'webchat' FROM generate_series(0, ${CONVERSATIONS - 1}) i`)
  const read = `SELECT payload FROM parley_states WHERE bot_id = $1 AND type = 'conversation' AND id = $2 AND name = 'counter'`
  const insert = `INSERT INTO parley_messages (bot_id, id, conversation_id, user_id, direction, type, payload, tags) VALUES
    ($1, $2, $3, 'user', 'incoming', 'text', '{"text":"hello"}', '{"audit":"seen","metrics":"seen","profile":"seen"}'),
    ($1, $4, $3, 'user', 'outgoing', 'text', '{"text":"#1: hello"}', '{}')`
  const write = `INSERT INTO parley_states (bot_id, type, id, name, payload) VALUES ($1, 'conversation', $2, 'counter', $3::jsonb)
    ON CONFLICT (bot_id, type, id, name) DO UPDATE SET payload = excluded.payload, version = parley_states.version + 1, updated_at = now()`
  let sent = 0
  return {
    name: `raw ${name}: the same writes (read, 2 messages, state) in one transaction`,
    send: (index) => db.transaction(async (tx) => {
      const conversation = `conv_${index % CONVERSATIONS}`
      const { rows } = await tx.query<{ payload: { n: number } }>(read, [bot, conversation], { name: 'bench_same_read' })
      await tx.query(insert, [bot, `m_${bot}_${sent++}`, conversation, `m_${bot}_${sent++}`], { name: 'bench_same_insert' })
      await tx.query(write, [bot, conversation, JSON.stringify({ n: (rows[0]?.payload.n ?? 0) + 1 })], { name: 'bench_same_write' })
    }),
    close: async () => {},
  }
}

/**
 * The runtime's own two statements for a message, sent without the runtime: begin the turn (on PostgreSQL
 * taking the conversation's ticket) and store it (the message, the reply, the counter, the ticket given
 * back), in one transaction. The difference to Parley is its JavaScript.
 *
 * `alone`: each statement on its own, as the runtime sends them: on the embedded database the turn's
 * start is the load (`parley_turn_load`, no ticket: one process has the database), each statement its own
 * transaction (`parts.ts`).
 */
export async function sameStatementsTarget(name: string, db: Database, options: { readonly alone?: boolean } = {}): Promise<Target> {
  await (await createRuntime({ ...benchBot(), botId: 'bench_schema', database: db })).stop()
  const turn = turnStatements(await rawBot(db), db.driver === 'postgres' ? 30_000 : null, { load: options.alone === true && db.driver === 'pglite' })
  return {
    name: options.alone ? `raw ${name}: the runtime's two statements (load, commit), each on its own` : `raw ${name}: the runtime's two statements (begin, commit) in one transaction`,
    send: options.alone ? (index) => turn(db, index) : (index) => db.transaction((tx) => turn(tx, index)),
    close: async () => {},
  }
}

type Started = { ticket?: { ticket: number }; records?: Loaded } & Partial<Loaded>
interface Loaded { readonly states: readonly { payload: { n: number } }[] }

/** A bot of the bench's shape in Parley's tables, by hand: one user, the bench's conversations. Its id. */
export async function rawBot(db: Database): Promise<string> {
  const bot = `raw_${randomBytes(3).toString('hex')}`
  await db.query(`INSERT INTO parley_users (bot_id, id) VALUES ('${bot}', 'user');
    INSERT INTO parley_conversations (bot_id, id, channel, integration) SELECT '${bot}', 'conv_' || i, 'webchat', 'webchat' FROM generate_series(0, ${CONVERSATIONS - 1}) i`)
  return bot
}

/**
 * One message's statements on `q`: the turn's start (the load, or the begin with its ticket), then its
 * commit, by `commit` (another version of the function, in `commit-ab.ts`).
 */
export function turnStatements(bot: string, leaseMs: number | null, { load = false, commit = 'parley_turn_commit' } = {}) {
  let sent = 0
  return async (q: Queryable, index: number): Promise<void> => {
    const conversation = `conv_${index % CONVERSATIONS}`
    const { rows } = load
      ? await q.query<{ r: Started }>('SELECT parley_turn_load($1, $2, $3, $4) AS r', [bot, conversation, 'user', 8192], { name: 'parley_turn_load' })
      : await q.query<{ r: Started }>('SELECT parley_turn_begin($1, $2, $3, $4, $5) AS r', [bot, conversation, 'user', leaseMs, 8192], { name: 'parley_turn_begin' })
    const { ticket, records = rows[0]!.r as Loaded } = rows[0]!.r
    const n = (records.states[0]?.payload.n ?? 0) + 1
    const at = new Date().toISOString()
    const message = (direction: string, text: string, tags: object) => ({ id: `m_${bot}_${sent++}`, conversation_id: conversation, user_id: 'user', direction, type: 'text', payload: { text }, tags, created_at: at })
    const document = {
      messages: [message('incoming', 'hello', { audit: 'seen', metrics: 'seen', profile: 'seen' }), message('outgoing', `#${n}: hello`, {})],
      states: [{ type: 'conversation', id: conversation, name: 'counter', write: 'put', payload: { n }, expiry: null, expect: null, onConflict: 'retry' }],
      ...(ticket ? { release: { conversation, ticket: ticket.ticket } } : {}),
    }
    await q.query(`SELECT ${commit}($1, $2::text::jsonb) AS r`, [bot, JSON.stringify(document)], { name: commit })
  }
}

export async function pgliteDatabase(): Promise<{ db: Database; dispose(): Promise<void> }> {
  const db = await openDatabase()
  return { db, dispose: () => db.close() }
}

/** A fresh schema on the server, dropped afterwards. */
export async function postgresDatabase(url: string, build: Build = { createRuntime, openDatabase }): Promise<{ db: Database; dispose(): Promise<void> }> {
  const schema = `parley_bench_${randomBytes(4).toString('hex')}`
  const db = await build.openDatabase({ url, schema })
  return {
    db,
    dispose: async () => {
      await db.query(`DROP SCHEMA ${schema} CASCADE`)
      await db.close()
    },
  }
}
