import { protocol } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from './database.js'
import { bindAndRun } from './pglite-messages.js'
import { openPglite } from './pglite-driver.js'

const { serialize } = protocol

/** What PGlite's own serializer writes for the same call. */
function reference(statement: string, values: readonly (string | null)[]): Buffer {
  const parts = [serialize.bind({ statement, values: [...values] }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]
  return Buffer.concat(parts.map((part) => Buffer.from(part)))
}

const cases: readonly (readonly [string, readonly (string | null)[]])[] = [
  ['no values', []],
  ['nulls and empty text', [null, '', null, '']],
  ['quotes, backslashes and SQL', ["it's \\ a $2 ' ; DROP TABLE notes; --"]],
  ['text beyond ASCII', ['ünïcode', '日本語のテキスト', 'emoji 🧪 and 👩‍👩‍👧 joined']],
  ['a turn document', [JSON.stringify({ messages: [{ id: 'msg_1', payload: { text: 'héllo' }, tags: { a: 'seen' } }], states: [] })]],
  ['a value of a megabyte', ['x'.repeat(1 << 20)]],
  ['two thousand values', Array.from({ length: 2000 }, (_, index) => (index % 7 === 0 ? null : `v${index}`))],
]

describe('a named statement as one message', () => {
  it.each(cases)('is the bytes PGlite writes for %s', (_name, values) => {
    expect(Buffer.from(bindAndRun('parley_probe', values)).equals(reference('parley_probe', values))).toBe(true)
  })

  it('sizes a value by its UTF-8 bytes, not its characters', () => {
    const message = Buffer.from(bindAndRun('s', ['é🧪']))
    // 'B', the bind's length, then its fields: the value's length sits after the portal, name and formats.
    expect(message.readInt32BE(1 + 4 + 1 + 2 + 2 + 2 + 2)).toBe(Buffer.byteLength('é🧪'))
    expect(message.readInt32BE(1)).toBe(message.length - 1 - 22)
  })

  describe('through the embedded database', () => {
    let db: Database
    beforeAll(async () => {
      db = await openPglite()
    })
    afterAll(() => db.close())

    it('gives back every value as it was sent, null as null', async () => {
      const values = ['ünïcode 🧪', '', null, "'; DROP TABLE x; --", 'x'.repeat(100_000)] as const
      const { rows } = await db.query('SELECT $1::text AS a, $2::text AS b, $3::text AS c, $4::text AS d, $5::text AS e', [...values], { name: 'echo_probe' })
      expect(rows).toEqual([{ a: values[0], b: values[1], c: null, d: values[3], e: values[4] }])
    })

    it('sends a lone surrogate as the replacement character, every length still right', async () => {
      const { rows } = await db.query('SELECT $1::text AS a, $2::text AS b', ['\uD800 lone', 'é\uDC00 after'], { name: 'surrogate_probe' })
      expect(rows).toEqual([{ a: '\uFFFD lone', b: 'é\uFFFD after' }])
    })

    it('has a value holding NUL refused by the database, and answers the next call', async () => {
      await expect(db.query('SELECT $1::text AS a', ['before\u0000after'], { name: 'nul_probe' })).rejects.toMatchObject({ code: '22021' })
      expect((await db.query('SELECT $1::text AS a', ['after'], { name: 'nul_probe' })).rows).toEqual([{ a: 'after' }])
    })
  })
})
