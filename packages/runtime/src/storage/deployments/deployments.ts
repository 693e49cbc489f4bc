import type { Queryable } from '../database/database.js'

/** A version of a bot as listed: everything but its code. */
export interface DeploymentSummary {
  readonly botId: string
  readonly version: number
  readonly createdAt: string
  readonly active: boolean
  /** Bytes of code (bundle and definition). */
  readonly size: number
}

/** What a version runs: the bundled implementation and definition, as ES module text. */
export interface DeploymentCode {
  readonly bundle: string
  readonly definition: string
}

export interface StoredDeployment extends DeploymentCode {
  readonly botId: string
  readonly version: number
}

export interface DeploymentStore {
  /** Stores a new version, not yet active; its number is one more than the bot's highest. */
  add(botId: string, code: DeploymentCode): Promise<DeploymentSummary>
  /** Makes `version` the one served, and keeps `keep` versions: it and the newest others. */
  activate(botId: string, version: number, keep: number): Promise<void>
  /** Forgets a version that never ran. */
  remove(botId: string, version: number): Promise<void>
  /** The versions of one bot, or of every bot, newest first. */
  list(botId?: string): Promise<DeploymentSummary[]>
  get(botId: string, version: number): Promise<StoredDeployment | undefined>
  /** The version each bot serves. */
  active(): Promise<StoredDeployment[]>
}

interface SummaryRow {
  bot_id: string
  version: number
  created_at: Date | string
  active: boolean
  size: number | string
}

const SUMMARY = `bot_id, version, created_at, active, octet_length(bundle) + octet_length(definition) AS size`

export function createDeploymentStore(db: Queryable): DeploymentStore {
  return {
    add: async (botId, code) => summary((await db.query<SummaryRow>(
      `INSERT INTO parley_deployments (bot_id, version, bundle, definition)
       SELECT $1, coalesce(max(version), 0) + 1, $2, $3 FROM parley_deployments WHERE bot_id = $1
       RETURNING ${SUMMARY}`, [botId, code.bundle, code.definition])).rows[0]!),
    activate: (botId, version, keep) => db.transaction(async (tx) => {
      await tx.query('UPDATE parley_deployments SET active = false WHERE bot_id = $1 AND active', [botId])
      await tx.query('UPDATE parley_deployments SET active = true WHERE bot_id = $1 AND version = $2', [botId, version])
      await tx.query(`DELETE FROM parley_deployments WHERE bot_id = $1 AND NOT active AND version NOT IN
        (SELECT version FROM parley_deployments WHERE bot_id = $1 AND NOT active ORDER BY version DESC LIMIT $2)`, [botId, keep - 1])
    }),
    remove: async (botId, version) => void (await db.query('DELETE FROM parley_deployments WHERE bot_id = $1 AND version = $2 AND NOT active', [botId, version])),
    list: async (botId) => (await db.query<SummaryRow>(
      `SELECT ${SUMMARY} FROM parley_deployments WHERE $1::text IS NULL OR bot_id = $1 ORDER BY bot_id, version DESC`, [botId ?? null])).rows.map(summary),
    get: async (botId, version) => (await db.query<StoredDeployment & { bot_id: string }>(
      'SELECT bot_id, version, bundle, definition FROM parley_deployments WHERE bot_id = $1 AND version = $2', [botId, version])).rows.map(stored)[0],
    active: async () => (await db.query<StoredDeployment & { bot_id: string }>(
      'SELECT bot_id, version, bundle, definition FROM parley_deployments WHERE active ORDER BY bot_id')).rows.map(stored),
  }
}

function summary(row: SummaryRow): DeploymentSummary {
  const createdAt = row.created_at instanceof Date ? row.created_at.toISOString() : new Date(row.created_at).toISOString()
  return { botId: row.bot_id, version: row.version, createdAt, active: row.active, size: Number(row.size) }
}

function stored(row: StoredDeployment & { bot_id: string }): StoredDeployment {
  return { botId: row.bot_id, version: row.version, bundle: row.bundle, definition: row.definition }
}
