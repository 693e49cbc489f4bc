import type { Database, Queryable } from '@parley/runtime'

/** What a database was sent: every statement, and the changes committed (transactions, and statements that write outside one). */
export interface Counts {
  statements: number
  commits: number
  /** Statements that wrote only the unlogged ticket table (a turn's first, on PostgreSQL): no WAL flush. */
  ticketWrites: number
}

const WRITES = /^\s*(INSERT|UPDATE|DELETE|WITH)\b|parley_turn_commit|parley_state_write|parley_turn_release/i
const TICKET = /parley_turn_(begin|take|check)\(/

/** A database that counts what it is sent; the bench reads the counts per message. */
export function counting(db: Database): { db: Database; counts: Counts; reset(): void } {
  const counts: Counts = { statements: 0, commits: 0, ticketWrites: 0 }
  const count = (sql: string, inTransaction: boolean) => {
    counts.statements++
    if (!inTransaction && WRITES.test(sql)) counts.commits++
    if (db.driver === 'postgres' && TICKET.test(sql)) counts.ticketWrites++
  }
  const wrap = (target: Queryable, inTransaction: boolean): Queryable => ({
    query: (sql, params, options) => {
      count(sql, inTransaction)
      return target.query(sql, params, options)
    },
    transaction: (fn) => {
      if (!inTransaction) counts.commits++
      counts.statements += 2 // BEGIN and COMMIT (a savepoint's two inside one)
      return target.transaction((tx) => fn(wrap(tx, true)))
    },
  })
  return {
    db: { ...db, ...wrap(db, false) },
    counts,
    reset: () => Object.assign(counts, { statements: 0, commits: 0, ticketWrites: 0 }),
  }
}
