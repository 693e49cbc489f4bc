import { textProblem } from '../../guards/index.js'
import { StorageError } from '../errors/storage-error.js'
import type { Database, Queryable } from './database.js'

/**
 * PostgreSQL's answers to text it cannot store: NUL in `text` (22021), `\u0000` in `jsonb` (22P05), and a
 * lone surrogate escaped in `jsonb` (22P02 with a Unicode detail).
 */
const TEXT_REFUSED = new Set(['22021', '22P05'])

/**
 * The last line of defence for text: every caller's input is checked, field by field, where it enters
 * (the HTTP API and the client), but any string that reaches the database is checked here too, so none
 * fails as an internal error or is silently changed (a lone surrogate sent as text becomes U+FFFD). A
 * refused value fails with `TEXT_INVALID` and nothing of the statement is written.
 */
export function textChecked(db: Database): Database {
  return { ...db, ...checkedQueryable(db) }
}

function checkedQueryable(target: Queryable): Queryable {
  return {
    query: async (sql, params, options) => {
      for (const param of params ?? []) if (typeof param === 'string') refuseText(param)
      try {
        return await target.query(sql, params, options)
      } catch (error) {
        throw refused(error) ?? error
      }
    },
    transaction: (fn) => target.transaction((tx) => fn(checkedQueryable(tx))),
  }
}

function refuseText(text: string): void {
  const problem = textProblem(text)
  if (problem) throw new StorageError('TEXT_INVALID', `a value sent to the database ${problem}`)
}

function refused(error: unknown): StorageError | undefined {
  const { code, message, detail } = (error ?? {}) as { code?: unknown; message?: unknown; detail?: unknown }
  const surrogate = code === '22P02' && /unicode|surrogate/i.test(`${String(message)} ${String(detail)}`)
  if (!TEXT_REFUSED.has(String(code)) && !surrogate) return undefined
  return new StorageError('TEXT_INVALID', `the database refused a text value: it holds a NUL character (\\u0000) or a lone UTF-16 surrogate; remove it`, { cause: error })
}
