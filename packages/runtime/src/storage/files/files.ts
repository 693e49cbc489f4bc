import type { Queryable } from '../database/database.js'
import { listRecords, mapPage } from '../sql/list.js'
import type { Page, PageOptions } from '../sql/paging.js'
import { sqlParams } from '../sql/params.js'
import { defined, newId, toIso } from '../sql/records.js'
import { mergedTags, type Tags } from '../tags/tags.js'

/** A file of one bot, without its content. */
export interface FileRecord {
  readonly id: string
  /** The name it is found by, unique per bot. */
  readonly key: string
  readonly size: number | null
  readonly contentType: string
  readonly tags: Tags
  readonly index: boolean
  /** `upload_pending` until content is stored. */
  readonly status: 'upload_pending' | 'upload_completed'
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
}

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
  list(options?: ListFilesOptions): Promise<Page<FileRecord>>
  /** Whether there was such a file. */
  delete(id: string): Promise<boolean>
}

/** The files of one bot. Content is stored in the database, sent and read as hex and base64 text so both drivers agree. */
export function createFileStore(db: Queryable, botId: string): FileStore {
  return {
    put: (input) => putFile(db, botId, input),
    get: async (id) => first(await db.query<FileRow>(`SELECT ${COLUMNS} FROM parley_files WHERE bot_id = $1 AND id = $2`, [botId, id])),
    read: (id) => readFile(db, botId, id),
    write: async (id, content) => first(await db.query<FileRow>(
      `UPDATE parley_files SET content = decode($3, 'hex'), size = $4, status = 'upload_completed', updated_at = now() WHERE bot_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [botId, id, Buffer.from(content).toString('hex'), content.byteLength],
    )),
    list: async ({ tags, ...page } = {}) => mapPage(await listRecords<FileRow>(db, { table: 'parley_files', columns: COLUMNS, equal: { bot_id: botId }, tags, page }), toFile),
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
  created_at: Date | string
  updated_at: Date | string
}

const COLUMNS = 'id, key, size, content_type, tags, indexed, status, access_policies, expires_at, created_at, updated_at'

function toFile(row: FileRow): FileRecord {
  const { id, key, size, tags, status } = row
  const expiresAt = row.expires_at ? toIso(row.expires_at) : undefined
  return {
    id, key, size, contentType: row.content_type, tags, index: row.indexed, status, accessPolicies: row.access_policies,
    ...defined({ expiresAt }), createdAt: toIso(row.created_at), updatedAt: toIso(row.updated_at),
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
    p.add(input.index ?? false, 'boolean'), status, p.json(input.accessPolicies ?? []), p.add(input.expiresAt?.toISOString() ?? null, 'timestamptz')]
  const sql = `INSERT INTO parley_files AS f (bot_id, id, key, content, size, content_type, tags, indexed, status, access_policies, expires_at)
    VALUES (${values.join(', ')})
    ON CONFLICT (bot_id, key) DO UPDATE SET content = EXCLUDED.content, size = EXCLUDED.size, content_type = EXCLUDED.content_type,
      tags = f.${mergedTags(p, input.tags)}, indexed = EXCLUDED.indexed, status = EXCLUDED.status, access_policies = EXCLUDED.access_policies,
      expires_at = EXCLUDED.expires_at, updated_at = now()
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
