import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { createRuntime, type Database } from '@parley/runtime'
import { sendersWithoutTrigger } from '../../packages/runtime/src/storage/migrations/019-senders-without-trigger.js'
import { benchBot } from './scenario.js'
import { pgliteDatabase, postgresDatabase, rawBot, turnStatements } from './targets.js'
import { BENCH_DATABASE_URL } from '../http/load.js'

// A turn's commit as migration 19 left it and as it is now, side by side in one database, by the CPU time
// per turn of this process (PGlite runs in it) and of the server processes serving it, rounds interleaved,
// medians. `--scenario message`: the bench's message (its two statements sent raw: begin, then store the
// message, the reply and the counter). `--scenario event`: a turn that marks one of the bot's `--rows`
// stored events processed, as the turn handling an event does.

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '20' },
    messages: { type: 'string', default: '300' },
    database: { type: 'string', default: 'pglite' },
    scenario: { type: 'string', default: 'message' },
    rows: { type: 'string', default: '20000' },
    'database-url': { type: 'string', default: BENCH_DATABASE_URL },
  },
})

const APPLICATION = 'parley_bench_commit_ab'

/** Migration 19's commit, installed beside the current one under another name. */
function previousCommit(): string {
  const sql = sendersWithoutTrigger.sql
  const body = sql.slice(sql.indexOf('CREATE OR REPLACE FUNCTION parley_turn_commit'))
  return body.replace('FUNCTION parley_turn_commit', 'FUNCTION bench_turn_commit_019')
}

function ticks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return Number(fields[11]) + Number(fields[12])
  } catch {
    return 0
  }
}

async function serverTicks(db: Database): Promise<number> {
  if (db.driver !== 'postgres') return 0
  const { rows } = await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [APPLICATION])
  return rows.reduce((sum, { pid }) => sum + ticks(pid), 0)
}

type Send = (index: number) => Promise<void>

/** A turn marking one of the bot's stored events processed, through `commit`. */
async function eventSender(db: Database, commit: string): Promise<Send> {
  const bot = `raw_${randomBytes(3).toString('hex')}`
  const rows = Number(args.rows)
  await db.query(`INSERT INTO parley_events (bot_id, id, type, payload, status) SELECT '${bot}', 'evt_' || i, 'bench', '{}', 'pending' FROM generate_series(1, ${rows}) i`)
  return async (index) => {
    const document = { eventStatus: [{ id: `evt_${1 + (index % rows)}`, status: 'processed', error: null, at: new Date().toISOString() }] }
    await db.query(`SELECT ${commit}($1, $2::text::jsonb) AS r`, [bot, JSON.stringify(document)], { name: commit })
  }
}

async function sender(db: Database, commit: string): Promise<Send> {
  if (args.scenario === 'event') return eventSender(db, commit)
  const turn = turnStatements(await rawBot(db), db.driver === 'postgres' ? 30_000 : null, { commit })
  return (index) => db.transaction((tx) => turn(tx, index))
}

async function measure(db: Database, send: Send, messages: number): Promise<number> {
  const [server, cpu] = [await serverTicks(db), process.cpuUsage()]
  for (let index = 0; index < messages; index++) await send(index)
  const used = process.cpuUsage(cpu)
  return (used.user + used.system + ((await serverTicks(db)) - server) * 10_000) / messages
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function main(): Promise<void> {
  const url = new URL(args['database-url'])
  url.searchParams.set('application_name', APPLICATION)
  const opened = args.database === 'pglite' ? await pgliteDatabase() : await postgresDatabase(url.toString())
  const { db } = opened
  try {
    await (await createRuntime({ ...benchBot(), botId: 'bench_schema', database: db })).stop()
    await db.query(previousCommit())
    const targets = { 'migration 19': await sender(db, 'bench_turn_commit_019'), 'now': await sender(db, 'parley_turn_commit') }
    const names = Object.keys(targets) as (keyof typeof targets)[]
    const costs = new Map(names.map((name) => [name, [] as number[]]))
    const ratios: number[] = []
    for (let round = 0; round <= Number(args.rounds); round++) {
      const order = round % 2 === 0 ? names : [...names].reverse()
      const figures = new Map<string, number>()
      for (const name of order) figures.set(name, await measure(db, targets[name], Number(args.messages)))
      if (round === 0) continue // warm-up
      for (const name of names) costs.get(name)!.push(figures.get(name)!)
      ratios.push(figures.get('now')! / figures.get('migration 19')!)
    }
    const where = db.driver === 'postgres' ? 'Node and server' : 'Node'
    for (const name of names) console.log(`${name}: ${median(costs.get(name)!).toFixed(0)} µs of CPU per turn (${where})`)
    console.log(`ratio of medians ${(median(costs.get('now')!) / median(costs.get('migration 19')!)).toFixed(3)}, median of rounds' ratios ${median(ratios).toFixed(3)}`)
  } finally {
    await opened.dispose()
  }
}

await main()
