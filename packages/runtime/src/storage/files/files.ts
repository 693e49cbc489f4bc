import type { Queryable } from '../database/database.js'
import { listRecords, mapPage } from '../sql/list.js'
import type { Page, PageOptions } from '../sql/paging.js'
import { sqlParams } from '../sql/params.js'
import { defined, newId, toIso } from '../sql/records.js'
import { mergedTags, type Tags } from '../tags/tags.js'
import { passagesOf, storePassages, textOf } from './passages.js'
import { searchPassages, type FileSearch, type PassageHit } from './search.js'

/** A file of one bot, without its content. */
export interface FileRecord {
  readonly id: string
  /** The name it is found by, unique per bot. */
  readonly key: string
  readonly size: number | null
  readonly contentType: string
  readonly tags: Tags
  readonly index: boolean
  /** `upload_pending` until content is stored; an indexed file's then says whether its text was indexed. */
  readonly status: 'upload_pending' | 'upload_completed' | 'indexing_completed' | 'indexing_failed'
  readonly failedStatusReason?: string
  readonly accessPolicies: readonly string[]
  readonly expiresAt?: string
  readonly createdAt: string
  readonly updatedAt: string
}

/** A file's fields; with `content`, its content too. */
export interface PutFileInput {
  readonly key: string
  readonly content?: Uint8Array
  readonly size?: number
  readonly contentType: string
  /** Added to the file's tags, replacing those of the same name. */
  readonly tags?: Tags
  readonly index?: boolean
  readonly accessPolicies?: readonly string[]
  readonly expiresAt?: Date
  /** The hash of the token a `PUT` of the content must carry, and until when it may. */
  readonly upload?: UploadGrant
}

export interface UploadGrant {
  readonly tokenHash: string
  readonly expiresAt: Date
}

/** Why an upload with a token stored nothing. */
export type UploadRefusal = 'not_found' | 'token_invalid' | 'token_expired'

export interface ListFilesOptions extends PageOptions {
  /** Only files having all of these tags. */
  readonly tags?: Tags
}

export interface FileStore {
  /** Creates the file under its key, or updates the one there (its content too, when given). */
  put(input: PutFileInput): Promise<FileRecord>
  get(id: string): Promise<FileRecord | undefined>
  /** The file and its content; undefined when there is no such file or no content yet. */
  read(id: string): Promise<{ readonly file: FileRecord; readonly content: Uint8Array } | undefined>
  /** Stores the content of a file made without it; undefined when there is no such file. */
  write(id: string, content: Uint8Array): Promise<FileRecord | undefined>
  /**
   * Stores the content sent to a file's upload URL, if `tokenHash` is the hash of its token and the token
   * has not expired by `now` (the runtime's clock; the database's by default); the token is then spent.
   */
  upload(id: string, tokenHash: string, content: Uint8Array, now?: Date): Promise<FileRecord | UploadRefusal>
  list(options?: ListFilesOptions): Promise<Page<FileRecord>>
  /** Passages of indexed files that match a query, best first. */
  search(search: FileSearch): Promise<PassageHit[]>
  /** Whether there was such a file. */
  delete(id: string): Promise<boolean>
}

/** The files of one bot. Content is stored in the database, sent and read as hex and base64 text so both drivers agree. */
export function createFileStore(db: Queryable, botId: string): FileStore {
  return {
    put: (input) => db.transaction(async (tx) => indexed(tx, botId, await putFile(tx, botId, input), input.content)),
    get: async (id) => first(await db.query<FileRow>(`SELECT ${COLUMNS} FROM parley_files WHERE bot_id = $1 AND id = $2`, [botId, id])),
    read: (id) => readFile(db, botId, id),
    write: (id, content) => db.transaction(async (tx) => {
      const written = first(await tx.query<FileRow>(
        `UPDATE parley_files SET content = decode($3, 'hex'), size = $4, status = 'upload_completed', failed_status_reason = NULL, updated_at = now()
         WHERE bot_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
        [botId, id, Buffer.from(content).toString('hex'), content.byteLength],
      ))
      return written && indexed(tx, botId, written, content)
    }),
    upload: (id, tokenHash, content, now) => db.transaction(async (tx) => {
      const { rows } = await tx.query<{ token_hash: string | null; expired: boolean }>(
        `SELECT upload_token_hash AS token_hash, upload_expires_at <= coalesce($3::timestamptz, now()) AS expired
         FROM parley_files WHERE bot_id = $1 AND id = $2 FOR UPDATE`, [botId, id, now?.toISOString() ?? null],
      )
      const grant = rows[0]
      if (!grant) return 'not_found'
      if (grant.token_hash === null || grant.token_hash !== tokenHash) return 'token_invalid'
      if (grant.expired) return 'token_expired'
      await tx.query('UPDATE parley_files SET upload_token_hash = NULL, upload_expires_at = NULL WHERE bot_id = $1 AND id = $2', [botId, id])
      return (await createFileStore(tx, botId).write(id, content))!
    }),
    list: async ({ tags, ...page } = {}) => mapPage(await listRecords<FileRow>(db, { table: 'parley_files', columns: COLUMNS, equal: { bot_id: botId }, tags, page }), toFile),
    search: (search) => searchPassages(db, botId, search),
    delete: async (id) => (await db.query('DELETE FROM parley_files WHERE bot_id = $1 AND id = $2 RETURNING id', [botId, id])).rows.length > 0,
  }
}

interface FileRow {
  id: string
  key: string
  size: number | null
  content_type: string
  tags: Tags
  indexed: boolean
  status: FileRecord['status']
  access_policies: string[]
  expires_at: Date | string | null
  failed_status_reason: string | null
  created_at: Date | string
  updated_at: Date | string
}

const COLUMNS = 'id, key, size, content_type, tags, indexed, status, access_policies, expires_at, failed_status_reason, created_at, updated_at'

function toFile(row: FileRow): FileRecord {
  const { id, key, size, tags, status } = row
  const expiresAt = row.expires_at ? toIso(row.expires_at) : undefined
  return {
    id, key, size, contentType: row.content_type, tags, index: row.indexed, status, accessPolicies: row.access_policies,
    ...defined({ expiresAt, failedStatusReason: row.failed_status_reason }), createdAt: toIso(row.created_at), updatedAt: toIso(row.updated_at),
  }
}

function first(result: { rows: FileRow[] }): FileRecord | undefined {
  return result.rows[0] && toFile(result.rows[0])
}

async function putFile(db: Queryable, botId: string, input: PutFileInput): Promise<FileRecord> {
  const p = sqlParams()
  const content = input.content === undefined ? 'NULL' : `decode(${p.add(Buffer.from(input.content).toString('hex'))}, 'hex')`
  const size = p.add(input.content?.byteLength ?? input.size ?? null, 'integer')
  const status = p.add(input.content === undefined ? 'upload_pending' : 'upload_completed')
  const values = [p.add(botId), p.add(newId('file')), p.add(input.key), content, size, p.add(input.contentType), p.json(input.tags ?? {}),
    p.add(input.index ?? false, 'boolean'), status, p.json(input.accessPolicies ?? []), p.add(input.expiresAt?.toISOString() ?? null, 'timestamptz'),
    p.add(input.upload?.tokenHash ?? null), p.add(input.upload?.expiresAt.toISOString() ?? null, 'timestamptz')]
  const sql = `INSERT INTO parley_files AS f (bot_id, id, key, content, size, content_type, tags, indexed, status, access_policies, expires_at, upload_token_hash, upload_expires_at)
    VALUES (${values.join(', ')})
    ON CONFLICT (bot_id, key) DO UPDATE SET content = EXCLUDED.content, size = EXCLUDED.size, content_type = EXCLUDED.content_type,
      tags = f.${mergedTags(p, input.tags)}, indexed = EXCLUDED.indexed, status = EXCLUDED.status, access_policies = EXCLUDED.access_policies,
      expires_at = EXCLUDED.expires_at, upload_token_hash = EXCLUDED.upload_token_hash, upload_expires_at = EXCLUDED.upload_expires_at,
      failed_status_reason = NULL, updated_at = now()
    RETURNING ${COLUMNS}`
  return first(await db.query<FileRow>(sql, p.values))!
}

async function readFile(db: Queryable, botId: string, id: string) {
  const { rows } = await db.query<FileRow & { content: string | null }>(
    `SELECT ${COLUMNS}, encode(content, 'base64') AS content FROM parley_files WHERE bot_id = $1 AND id = $2`, [botId, id],
  )
  const row = rows[0]
  if (!row || row.content === null) return undefined
  return { file: toFile(row), content: new Uint8Array(Buffer.from(row.content, 'base64')) }
}

/**
 * Replaces the passages of a file whose content was just written: an indexed file's text is cut into
 * passages and its status says whether it could be; any other's passages are dropped.
 */
async function indexed(tx: Queryable, botId: string, file: FileRecord, content: Uint8Array | undefined): Promise<FileRecord> {
  const text = file.index && content ? textOf(content, file.contentType) : undefined
  await storePassages(tx, botId, file.id, text === undefined ? [] : passagesOf(text))
  if (!file.index || !content) return file
  const reason = text === undefined ? `content of type ${file.contentType} has no text to index; store text (text/*, application/json, …) to search it` : null
  return first(await tx.query<FileRow>(
    `UPDATE parley_files SET status = $3, failed_status_reason = $4 WHERE bot_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [botId, file.id, reason === null ? 'indexing_completed' : 'indexing_failed', reason],
  ))!
}
