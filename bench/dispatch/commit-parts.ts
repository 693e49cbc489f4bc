import { parseArgs } from 'node:util'
import { createRuntime, type Database } from '@parley/runtime'
import { keyedTurnUpdates } from '../../packages/runtime/src/storage/migrations/021-keyed-turn-updates.js'
import { benchBot, CONVERSATIONS } from './scenario.js'
import { pgliteDatabase } from './targets.js'

// What each part of the bench message's commit costs on PGlite, by the CPU time of this process per call
// (PGlite runs in it): the commit and its parts sent as statements of their own, variants of the commit,
// and the two rows' insert into copies of the messages table that each lack one thing (the tag trigger,
// the foreign keys, the GIN index on tags). Everything runs in ONE database, in blocks of `--calls`
// calls taking turns over `--rounds` rounds, medians: two PGlite instances of the same schema measured
// up to 110 µs apart per commit here, more than most of the parts, so variants in instances of their own
// are not compared. `--only` picks slots by a regular expression on their names.

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '200' }, calls: { type: 'string', default: '25' }, only: { type: 'string', default: '' } } })

type Send = (index: number) => Promise<unknown>

const conversation = (index: number) => `conv_${index % CONVERSATIONS}`
let sent = 0

function messages(conversationId: string, n: number) {
  const at = new Date().toISOString()
  const message = (direction: string, text: string, tags: object) => ({ id: `m${sent++}`, conversation_id: conversationId, user_id: 'user', direction, type: 'text', payload: { text }, tags, created_at: at })
  return [message('incoming', 'hello', { audit: 'seen', metrics: 'seen', profile: 'seen' }), message('outgoing', `#${n}: hello`, {})]
}

function state(conversationId: string, n: number) {
  return { type: 'conversation', id: conversationId, name: 'counter', write: 'put', payload: { n }, expiry: null, expect: null, onConflict: 'retry' }
}

/** The bench message's commit document, or the part of it `parts` names. */
function document(index: number, parts: readonly string[]): string {
  return JSON.stringify({
    ...(parts.includes('messages') ? { messages: messages(conversation(index), index) } : {}),
    ...(parts.includes('states') ? { states: [state(conversation(index), index)] } : {}),
  })
}

function commit(db: Database, fn: string, parts: readonly string[]): Send {
  return (index) => db.query(`SELECT ${fn}($1, $2::text::jsonb) AS r`, ['b', document(index, parts)], { name: `${fn}_${parts.join('_')}` })
}

/** Migration 21's commit (the current one) under another name, with `change` made to its text. */
function variant(name: string, change: (sql: string) => string): string {
  const { sql } = keyedTurnUpdates
  return change(sql.slice(sql.indexOf('CREATE OR REPLACE FUNCTION')).replace('FUNCTION parley_turn_commit', `FUNCTION ${name}`))
}

/** The commit doing a state put that expects no version (the bench's `set`) in its own body, not by a call. */
const INLINE_PUT = `IF op->>'write' = 'put' AND op->>'expect' IS NULL THEN
          INSERT INTO parley_states AS s (bot_id, type, id, name, payload, expires_at, version)
          VALUES (p_bot, op->>'type', op->>'id', op->>'name', op->'payload',
            CASE WHEN op->>'expiry' IS NULL THEN NULL ELSE now() + (op->>'expiry')::double precision * interval '1 millisecond' END, 1)
          ON CONFLICT (bot_id, type, id, name) DO UPDATE SET payload = excluded.payload, expires_at = excluded.expires_at, updated_at = now(),
            version = CASE WHEN s.expires_at <= now() THEN 1 ELSE s.version + 1 END,
            created_at = CASE WHEN s.expires_at <= now() THEN now() ELSE s.created_at END
          RETURNING jsonb_build_object('type', s.type, 'id', s.id, 'name', s.name, 'version', s.version, 'expires_at', s.expires_at,
            'created_at', s.created_at, 'updated_at', s.updated_at, 'payload', NULL) INTO written;
        ELSE
          written := parley_state_write(p_bot, op);
        END IF;`

const VARIANTS = [
  variant('lab_commit_custom_plans', (sql) => sql.replace('LANGUAGE plpgsql AS', 'LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS')),
  variant('lab_commit_inline_put', (sql) => sql.replace('written := parley_state_write(p_bot, op);', INLINE_PUT)),
]

/** Copies of the messages table, each without one thing, and one whose insert drops empty tags itself. */
const COPIES = `
  CREATE TABLE lab_trigger (LIKE parley_messages INCLUDING ALL);
  CREATE TABLE lab_no_trigger (LIKE parley_messages INCLUDING ALL);
  CREATE TABLE lab_tags_in_insert (LIKE parley_messages INCLUDING ALL);
  CREATE TABLE lab_no_gin (LIKE parley_messages INCLUDING ALL);
  CREATE TABLE lab_no_foreign_keys (LIKE parley_messages INCLUDING ALL);
  ${['lab_trigger', 'lab_no_trigger', 'lab_tags_in_insert', 'lab_no_gin'].map((table) => `ALTER TABLE ${table}
    ADD FOREIGN KEY (bot_id, conversation_id) REFERENCES parley_conversations (bot_id, id) ON DELETE CASCADE,
    ADD FOREIGN KEY (bot_id, user_id) REFERENCES parley_users (bot_id, id) ON DELETE CASCADE;`).join('\n')}
  CREATE TRIGGER lab_empty_tags BEFORE INSERT OR UPDATE OF tags ON lab_trigger
    FOR EACH ROW WHEN (NEW.tags @? '$.* ? (@ == "")') EXECUTE FUNCTION parley_drop_empty_tags();
  CREATE FUNCTION lab_without_empty_tags(tags jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE
    AS $$ SELECT tags - ARRAY(SELECT key FROM jsonb_each_text(tags) WHERE value = '') $$;`

function insertInto(db: Database, table: string, tags = (value: string) => value): Send {
  const sql = `INSERT INTO ${table} (bot_id, id, conversation_id, user_id, direction, type, payload, tags, created_at, updated_at) VALUES
    ('b', $1, $2, 'user', 'incoming', 'text', '{"text":"hello"}', ${tags('$3::text::jsonb')}, $5, $5),
    ('b', $4, $2, 'user', 'outgoing', 'text', $6::text::jsonb, ${tags(`'{}'::jsonb`)}, $5, $5)`
  return (index) => db.query(sql, [`m${sent++}`, conversation(index), '{"audit":"seen","metrics":"seen","profile":"seen"}', `m${sent++}`, new Date().toISOString(), `{"text":"#${index}: hello"}`], { name: `lab_insert_${table}` })
}

const TAGS_IN_INSERT = (value: string) => `CASE WHEN ${value} @? '$.* ? (@ == "")' THEN lab_without_empty_tags(${value}) ELSE ${value} END`

const INSERT_JSON = `INSERT INTO parley_messages (bot_id, id, conversation_id, user_id, direction, type, payload, tags, created_at, updated_at)
  SELECT 'b', m.id, m.conversation_id, m.user_id, m.direction, m.type, m.payload, m.tags, m.created_at, m.created_at
  FROM ROWS FROM (jsonb_to_recordset($1::text::jsonb) AS (id text, conversation_id text, user_id text, direction text, type text, payload jsonb, tags jsonb, created_at timestamptz))
    WITH ORDINALITY AS m(id, conversation_id, user_id, direction, type, payload, tags, created_at, n)
  ORDER BY m.n`

const READ_JSON = `SELECT count(*) AS r FROM jsonb_to_recordset($1::text::jsonb) AS m(id text, conversation_id text, user_id text, direction text, type text, payload jsonb, tags jsonb, created_at timestamptz)`

const UPSERT = `INSERT INTO parley_states AS s (bot_id, type, id, name, payload, expires_at, version) VALUES ('b', 'conversation', $1, 'counter', $2::text::jsonb, NULL, 1)
  ON CONFLICT (bot_id, type, id, name) DO UPDATE SET payload = excluded.payload, expires_at = excluded.expires_at, updated_at = now(), version = s.version + 1`

function slots(db: Database): Record<string, Send> {
  const json = (index: number) => JSON.stringify(messages(conversation(index), index))
  return {
    'SELECT 1 (a call doing nearly nothing)': () => db.query('SELECT 1 AS r', [], { name: 'lab_select_1' }),
    'begin: the turn\'s first statement': (i) => db.query('SELECT parley_turn_begin($1, $2, $3, $4, $5) AS r', ['b', conversation(i), 'user', null, 8192], { name: 'lab_begin' }),
    'commit: messages and state': commit(db, 'parley_turn_commit', ['messages', 'states']),
    'commit: messages only': commit(db, 'parley_turn_commit', ['messages']),
    'commit: state only': commit(db, 'parley_turn_commit', ['states']),
    'commit: empty document': commit(db, 'parley_turn_commit', []),
    'commit planned for each call (force_custom_plan)': commit(db, 'lab_commit_custom_plans', ['messages', 'states']),
    'commit, state put in its body: messages and state': commit(db, 'lab_commit_inline_put', ['messages', 'states']),
    'commit, state put in its body: state only': commit(db, 'lab_commit_inline_put', ['states']),
    'statement: two messages from jsonb_to_recordset': (i) => db.query(INSERT_JSON, [json(i)], { name: 'lab_insert_json' }),
    'statement: jsonb_to_recordset of two messages, read only': (i) => db.query(READ_JSON, [json(i)], { name: 'lab_read_json' }),
    'statement: state upsert': (i) => db.query(UPSERT, [conversation(i), JSON.stringify({ n: i })], { name: 'lab_upsert' }),
    'statement: parley_state_write': (i) => db.query('SELECT parley_state_write($1, $2::text::jsonb) AS r', ['b', JSON.stringify(state(conversation(i), i))], { name: 'lab_state_write' }),
    'two rows VALUES: with the tag trigger': insertInto(db, 'lab_trigger'),
    'two rows VALUES: no trigger': insertInto(db, 'lab_no_trigger'),
    'two rows VALUES: no trigger, tags cleaned in the insert': insertInto(db, 'lab_tags_in_insert', TAGS_IN_INSERT),
    'two rows VALUES: no trigger, no GIN on tags': insertInto(db, 'lab_no_gin'),
    'two rows VALUES: no trigger, no foreign keys': insertInto(db, 'lab_no_foreign_keys'),
  }
}

async function database(): Promise<Database> {
  const { db } = await pgliteDatabase()
  await (await createRuntime({ ...benchBot(), botId: 'bench_schema', database: db })).stop()
  for (const sql of VARIANTS) await db.query(sql)
  await db.query(COPIES)
  await db.query(`INSERT INTO parley_users (bot_id, id) VALUES ('b', 'user');
    INSERT INTO parley_conversations (bot_id, id, channel, integration) SELECT 'b', 'conv_' || i, 'webchat', 'webchat' FROM generate_series(0, ${CONVERSATIONS - 1}) i`)
  return db
}

async function measure(send: Send, calls: number, from: number): Promise<number> {
  const cpu = process.cpuUsage()
  for (let index = from; index < from + calls; index++) await send(index)
  const used = process.cpuUsage(cpu)
  return (used.user + used.system) / calls
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function main(): Promise<void> {
  const db = await database()
  const chosen = Object.entries(slots(db)).filter(([name]) => new RegExp(args.only).test(name))
  const costs = new Map(chosen.map(([name]) => [name, [] as number[]]))
  const calls = Number(args.calls)
  for (let round = 0; round <= Number(args.rounds); round++) {
    for (const [name, send] of round % 2 === 0 ? chosen : [...chosen].reverse()) {
      const cost = await measure(send, calls, round * calls)
      if (round > 0) costs.get(name)!.push(cost) // round 0 warms up
    }
  }
  for (const [name] of chosen) console.log(`| ${name} | ${median(costs.get(name)!).toFixed(0)} |`)
  await db.close()
}

await main()
