import { describe, expect, it } from 'vitest'
import type { Database } from '../database/database.js'
import { STARTUP_TIMEOUT, testDrivers } from './test-databases.js'

// Test files share their worker's embedded database, each in a schema of its own: what one file writes
// must never be seen by the next, nor by a second database a file opens while it holds the first.

const embedded = testDrivers().find((driver) => driver.name === 'pglite')!

async function tables(db: Database): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1')
  return rows.map((row) => row.name)
}

describe('embedded test databases', () => {
  it('start empty, whatever the one before wrote', async () => {
    const first = await embedded.open()
    await first.db.query('CREATE TABLE left_behind (v text)')
    expect(await tables(first.db)).toEqual(['left_behind'])
    await first.dispose()
    const second = await embedded.open()
    try {
      expect(await tables(second.db)).toEqual([])
    } finally {
      await second.dispose()
    }
  }, STARTUP_TIMEOUT)

  it('keep a second one opened meanwhile apart from the first', async () => {
    const first = await embedded.open()
    try {
      await first.db.query('CREATE TABLE mine (v text)')
      const second = await embedded.open()
      try {
        await second.db.query('CREATE TABLE theirs (v text)')
        expect(await tables(second.db)).toEqual(['theirs'])
      } finally {
        await second.dispose()
      }
      expect(await tables(first.db)).toEqual(['mine'])
    } finally {
      await first.dispose()
    }
  }, STARTUP_TIMEOUT)
})
