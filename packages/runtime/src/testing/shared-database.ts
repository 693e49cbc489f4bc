import { randomBytes } from 'node:crypto'
import { openDatabase, type Database } from '../index.js'

let shared: Promise<Database> | undefined

/**
 * One embedded database per test process, opened on first use. Opening PGlite takes seconds, so test
 * bots share it, each under its own bot id: every record, table and job is kept apart by bot id.
 */
export function sharedTestDatabase(): Promise<Database> {
  shared ??= openDatabase().then((db) => {
    // A shared database outlives every test bot; closing it would fail the ones still running.
    return { ...db, close: async () => {} }
  })
  return shared
}

/** A bot id no other test bot in this process uses. */
export function uniqueBotId(): string {
  return `test_${randomBytes(5).toString('hex')}`
}
