// The embedded database on a thread of its own, for `pglite-thread.ts`: it answers the runtime's thread's
// calls one at a time, in the order they come.
import { parentPort } from 'node:worker_threads'
import { PGlite, parse, protocol } from '@electric-sql/pglite'

const pglite = await PGlite.create()
const prepared = new Map()
const { serialize } = protocol

async function runPrepared({ sql, name, message }) {
  const known = prepared.get(name) === sql
  const bytes = known ? message : Buffer.concat([serialize.close({ type: 'S', name }), serialize.parse({ name, text: sql, types: [] }), message])
  prepared.delete(name)
  const messages = await pglite.execProtocolStream(bytes, { syncToFs: false })
  prepared.set(name, sql)
  return parse.parseResults(messages, pglite.parsers)[0]?.rows ?? []
}

const OPS = {
  exec: async ({ sql }) => (await pglite.exec(sql)).at(-1)?.rows ?? [],
  query: async ({ sql, params }) => (await pglite.query(sql, params)).rows,
  prepared: runPrepared,
  close: async () => pglite.close(),
}

/** An error's own fields (PostgreSQL's code, severity, detail…), which a structured clone of an Error drops. */
const fields = (error) => ({ ...Object.fromEntries(Object.entries(error ?? {})), message: error?.message ?? String(error), name: error?.name })

// One call at a time: PGlite's protocol calls keep their state in the instance between two awaits.
let queue = Promise.resolve()
parentPort.on('message', ({ id, op, ...call }) => {
  queue = queue.then(async () => {
    try {
      parentPort.postMessage({ id, rows: await OPS[op](call) })
    } catch (error) {
      parentPort.postMessage({ id, error: fields(error) })
    }
  })
})
parentPort.postMessage({ ready: true })
