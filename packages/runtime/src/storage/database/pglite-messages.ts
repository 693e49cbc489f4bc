import { protocol } from '@electric-sql/pglite'

// A named statement runs with one call into PGlite: its bind, describe, execute and sync as one message.
// PGlite's bundled serializer (pg-protocol's) took 22–30 µs to write them for a turn's commit on this
// machine, twice a message: its writer keeps its fields in `WeakMap`s, as compiled private fields, and
// starts a new buffer on every flush. Written here straight into one `Buffer`: the same bytes
// (`pglite-messages.test.ts` compares them) in 1.3–1.7 µs. Parse and close, sent once per statement and
// database, still go through the library.

const { serialize } = protocol

/** Describe the unnamed portal, execute it for all its rows, sync: the same after every bind. */
const RUN = Buffer.concat([serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()])

/**
 * Bind `values` (text, or null) to the prepared statement `statement` on the unnamed portal, then run it,
 * as one message. The layout is pg-protocol's: a text format code for each value, no result format codes
 * (all text).
 */
export function bindAndRun(statement: string, values: readonly (string | null)[]): Uint8Array {
  const sizes = values.map((value) => (value === null ? -1 : Buffer.byteLength(value)))
  const bindSize = 4 + 1 + Buffer.byteLength(statement) + 1 + 2 + 2 * values.length + 2 + sizes.reduce((sum, size) => sum + 4 + Math.max(size, 0), 0) + 2
  const out = Buffer.allocUnsafe(1 + bindSize + RUN.length)
  let at = out.writeUInt8(0x42, 0) // 'B'
  at = out.writeInt32BE(bindSize, at)
  at = out.writeUInt8(0, at) // the unnamed portal
  at = writeCString(out, statement, at)
  at = writeFormats(out, values.length, at)
  values.forEach((value, index) => {
    at = out.writeInt32BE(sizes[index]!, at)
    if (value !== null) at += out.write(value, at)
  })
  at = out.writeInt16BE(0, at)
  RUN.copy(out, at)
  return out
}

function writeCString(out: Buffer, text: string, at: number): number {
  const end = at + out.write(text, at)
  return out.writeUInt8(0, end)
}

/** The count of format codes, then a text code (0) for each value, then the count of values. */
function writeFormats(out: Buffer, count: number, at: number): number {
  let next = out.writeInt16BE(count, at)
  for (let index = 0; index < count; index++) next = out.writeInt16BE(0, next)
  return out.writeInt16BE(count, next)
}
