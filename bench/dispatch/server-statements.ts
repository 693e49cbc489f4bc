import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { createRuntime, openDatabase } from '@parley/runtime'
import pg from 'pg'
import { benchBot, CONVERSATIONS } from './scenario.js'
import { BENCH_DATABASE_URL } from '../http/load.js'

// What a message's two statements cost inside a PostgreSQL server, statement by statement: the turn's
// begin (the ticket and the load) and its commit, sent as the runtime sends them (each on its own, in
// its own transaction, the ticket given back by the commit) on one connection, with `auto_explain`
// reporting every statement the functions run (nested ones too) and how long it took. Each statement is
// named by its first line; the figures are medians over the turns after the warm-up.
//
// `auto_explain` is loaded into this one session (a superuser's `LOAD`), so nothing on the server
// changes for anyone else; `pg_stat_statements` would need a restart with it preloaded.

const { values: args } = parseArgs({
  options: {
    turns: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '200' },
    'database-url': { type: 'string', default: BENCH_DATABASE_URL },
  },
})

const SESSION = [
  `LOAD 'auto_explain'`,
  'SET auto_explain.log_min_duration = 0',
  'SET auto_explain.log_nested_statements = on',
  'SET auto_explain.log_analyze = on',
  // Timing each plan node would cost more than the statements measured: only each statement's total.
  'SET auto_explain.log_timing = off',
  'SET auto_explain.log_level = notice',
  'SET client_min_messages = notice',
]

interface Timed { readonly statement: string; readonly ms: number }

/** `duration: 0.123 ms  plan:\nQuery Text: <statement>…` → the statement's first line and its time. */
function timedOf(message: string): Timed | undefined {
  const match = /^duration: ([\d.]+) ms\s+plan:\nQuery Text: ([^\n]*)/.exec(message)
  return match ? { statement: match[2]!.trim().slice(0, 100), ms: Number(match[1]) } : undefined
}

async function schemaWithBot(url: string): Promise<{ schema: string; bot: string; drop(): Promise<void> }> {
  const schema = `parley_bench_${randomBytes(4).toString('hex')}`
  const db = await openDatabase({ url, schema })
  await (await createRuntime({ ...benchBot(), botId: 'bench_schema', database: db })).stop()
  const bot = 'bench'
  await db.query(`INSERT INTO parley_users (bot_id, id) VALUES ('${bot}', 'user');
    INSERT INTO parley_conversations (bot_id, id, channel, integration) SELECT '${bot}', 'conv_' || i, 'webchat', 'webchat' FROM generate_series(0, ${CONVERSATIONS - 1}) i`)
  return { schema, bot, drop: async () => {
    await db.query(`DROP SCHEMA ${schema} CASCADE`)
    await db.close()
  } }
}

/** One turn of the bench's message: begin with a ticket, then store the message, the reply and the counter. */
async function turn(client: pg.Client, bot: string, index: number): Promise<void> {
  const conversation = `conv_${index % CONVERSATIONS}`
  const { rows } = await client.query({ name: 'begin', text: 'SELECT parley_turn_begin($1, $2, $3, $4, $5) AS r', values: [bot, conversation, 'user', 30_000, 8192] })
  const { ticket, records } = rows[0].r as { ticket: { ticket: number }; records: { states: { payload: { n: number } }[] } }
  const n = (records.states[0]?.payload.n ?? 0) + 1
  const at = new Date().toISOString()
  const message = (direction: string, text: string, tags: object) => ({ id: `m_${index}_${direction}`, conversation_id: conversation, user_id: 'user', direction, type: 'text', payload: { text }, tags, created_at: at })
  const document = {
    messages: [message('incoming', 'hello', { audit: 'seen', metrics: 'seen', profile: 'seen' }), message('outgoing', `#${n}: hello`, {})],
    states: [{ type: 'conversation', id: conversation, name: 'counter', write: 'put', payload: { n }, expiry: null, expect: null, onConflict: 'retry' }],
    release: { conversation, ticket: ticket.ticket },
  }
  await client.query({ name: 'commit', text: 'SELECT parley_turn_commit($1, $2::text::jsonb) AS r', values: [bot, JSON.stringify(document)] })
}

interface FunctionTimes { readonly funcname: string; readonly calls: number; readonly total: number; readonly self: number }

/** The schema's functions' calls and times (ms) so far, as this session's statistics have them. */
async function functionTimes(client: pg.Client, schema: string): Promise<Map<string, FunctionTimes>> {
  await client.query('SELECT pg_stat_force_next_flush()')
  await client.query('SELECT 1')
  const { rows } = await client.query<FunctionTimes>('SELECT funcname, calls, total_time AS total, self_time AS self FROM pg_stat_user_functions WHERE schemaname = $1', [schema])
  return new Map(rows.map((row) => [row.funcname, row]))
}

function printFunctions(before: Map<string, FunctionTimes>, after: Map<string, FunctionTimes>): void {
  console.log('| function | calls per turn | total µs per call | self µs per call |')
  console.log('| --- | ---: | ---: | ---: |')
  const turns = (after.get('parley_turn_commit')?.calls ?? 0) - (before.get('parley_turn_commit')?.calls ?? 0)
  const rows = [...after.values()].map((row) => {
    const was = before.get(row.funcname) ?? { calls: 0, total: 0, self: 0 }
    const calls = row.calls - was.calls
    return { name: row.funcname, calls, total: ((row.total - was.total) * 1000) / calls, self: ((row.self - was.self) * 1000) / calls }
  })
  for (const row of rows.filter((r) => r.calls > 0).sort((a, b) => b.total - a.total)) {
    console.log(`| \`${row.name}\` | ${(row.calls / turns).toFixed(2)} | ${row.total.toFixed(0)} | ${row.self.toFixed(0)} |`)
  }
}

function print(samples: Map<string, number[]>, turns: number): void {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
  const rows = [...samples].map(([statement, values]) => ({ statement, perTurn: values.length / turns, median: median(values) * 1000, mean: (values.reduce((a, b) => a + b, 0) / values.length) * 1000 }))
  console.log('| statement (first line) | per turn | median µs | mean µs |')
  console.log('| --- | ---: | ---: | ---: |')
  for (const row of rows.sort((a, b) => b.median * b.perTurn - a.median * a.perTurn)) {
    console.log(`| \`${row.statement.replaceAll('|', '\\|')}\` | ${row.perTurn.toFixed(2)} | ${row.median.toFixed(0)} | ${row.mean.toFixed(0)} |`)
  }
}

async function main(): Promise<void> {
  const { schema, bot, drop } = await schemaWithBot(args['database-url'])
  const client = new pg.Client({ connectionString: args['database-url'], options: `-c search_path=${schema}` })
  await client.connect()
  const samples = new Map<string, number[]>()
  let measuring = false
  client.on('notice', (notice) => {
    const timed = measuring ? timedOf(notice.message ?? '') : undefined
    if (timed) samples.set(timed.statement, [...(samples.get(timed.statement) ?? []), timed.ms])
  })
  try {
    const [turns, warmup] = [Number(args.turns), Number(args.warmup)]
    for (let index = 0; index < warmup; index++) await turn(client, bot, index)
    await client.query("SET track_functions = 'all'")
    const before = await functionTimes(client, schema)
    for (let index = warmup; index < warmup + turns; index++) await turn(client, bot, index)
    printFunctions(before, await functionTimes(client, schema))
    await client.query('SET track_functions = none')
    for (const statement of SESSION) await client.query(statement)
    measuring = true
    for (let index = warmup + turns; index < warmup + 2 * turns; index++) await turn(client, bot, index)
    print(samples, turns)
  } finally {
    await client.end()
    await drop()
  }
}

await main()
