import type { Queryable } from '../storage/database/index.js'
import { JOBS_TABLE } from '../jobs/job-schema.js'
import { LOGS_TABLE } from '../logging/log-schema.js'

const LOCK = `SELECT pg_advisory_xact_lock(hashtext('parley_engine_tables'), hashtext(current_schema()))`

/**
 * Creates the engine's own tables (jobs and logs) beside storage's. The lock makes `IF NOT EXISTS` safe
 * when several processes start together on one server.
 */
export async function ensureEngineTables(db: Queryable): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(LOCK)
    await tx.query(JOBS_TABLE)
    await tx.query(LOGS_TABLE)
  })
}
