import type { Queryable } from '../database/database.js'
import { toStateRecord, type StateRecord, type StateRow } from './state-rows.js'
import type { StateWrite } from './state-steps.js'

/** What `parley_state_write` answers for one write. */
export type StateWriteResult =
  | { readonly kind: 'written'; readonly state: StateRecord }
  /** getOrPut found a live state, which stays as it was. */
  | { readonly kind: 'existing'; readonly state: StateRecord }
  | { readonly kind: 'deleted'; readonly deleted: boolean }
  /** The state was not at the expected version: `version` is the one it has (0: none). */
  | { readonly kind: 'conflict'; readonly version: number }

type RawResult = (Omit<StateRow, 'payload'> & { readonly payload: StateRow['payload'] | null }) | { readonly existing: StateRow } | { readonly deleted: boolean } | { readonly conflict: true; readonly version: number }

/** A written row comes back without its payload unless SQL made it (a merge): it is the one `write` sent. */
export function readWriteResult(raw: RawResult, write: StateWrite): StateWriteResult {
  if ('conflict' in raw) return { kind: 'conflict', version: Number(raw.version) }
  if ('deleted' in raw) return { kind: 'deleted', deleted: raw.deleted }
  if ('existing' in raw) return { kind: 'existing', state: toStateRecord(raw.existing) }
  return { kind: 'written', state: toStateRecord({ ...raw, payload: raw.payload ?? write.payload ?? {} }) }
}

/** One state write, on its own: one statement. */
export async function writeState(db: Queryable, botId: string, write: StateWrite): Promise<StateWriteResult> {
  const { rows } = await db.query<{ r: RawResult }>('SELECT parley_state_write($1, $2::text::jsonb) AS r', [botId, JSON.stringify(write)], { name: 'parley_state_write' })
  return readWriteResult(rows[0]!.r, write)
}
