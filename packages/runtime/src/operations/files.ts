import { createHash, randomBytes } from 'node:crypto'
import type { FilePassage, StoredFile, Tags } from '@parley/sdk'
import type { Engine } from '../engine/engine.js'
import { notFound, PayloadError, RuntimeError } from '../engine/errors.js'
import { defined, storedTags } from '../engine/records.js'
import type { Caller } from '../engine/units.js'
import { createFileStore, type FileRecord, type PassageHit } from '../storage/index.js'
import { InputError, LIMITS } from '../guards/index.js'

// Files are written at once rather than with the caller's turn: their content may be far larger than a
// turn's other writes, which travel as one JSON document.

type AccessPolicy = 'public_content' | 'integrations'

interface FileFields {
  readonly key: string
  readonly contentType?: string
  readonly index?: boolean
  readonly tags?: Tags
  readonly accessPolicies?: readonly AccessPolicy[]
  readonly expiresAt?: string
}

/** Where the runtime's HTTP server serves a file's content (and takes it, for `upsertFile`). */
export const fileContentPath = (botId: string, id: string): string => `/v1/bots/${encodeURIComponent(botId)}/files/${encodeURIComponent(id)}/content`

export async function uploadFile(engine: Engine, _caller: Caller, request: FileFields & { readonly content: string | Uint8Array | ArrayBuffer }) {
  const content = bytesOf(request.content)
  return { file: toStoredFile(engine, await files(engine).put({ ...fieldsOf(request), content })) }
}

/** How long an upload URL takes the content. */
export const UPLOAD_URL_MS = 60 * 60 * 1000

/**
 * The file's record, its content to follow at `uploadUrl` (a `PUT` of the bytes), which carries a token
 * of its own: random, kept only as its hash, good once and for {@link UPLOAD_URL_MS}.
 */
export async function upsertFile(engine: Engine, _caller: Caller, request: FileFields & { readonly size?: number }) {
  if (request.size !== undefined) checkSize(request.size, 'size')
  const token = randomBytes(32).toString('base64url')
  const upload = { tokenHash: tokenHash(token), expiresAt: new Date(engine.clock.now().getTime() + UPLOAD_URL_MS) }
  const file = toStoredFile(engine, await files(engine).put({ ...fieldsOf(request), ...defined({ size: request.size }), upload }))
  return { file: { ...file, uploadUrl: `${file.url}?token=${token}` } }
}

/** Stores the content `PUT` to a file's upload URL, checking its token. */
export async function uploadFileContent(engine: Engine, id: string, token: string, content: Uint8Array) {
  checkSize(content.byteLength)
  const stored = await files(engine).upload(id, tokenHash(token), content, engine.clock.now())
  // A stranger with a guessed URL learns nothing more of a missing file than of a wrong token.
  if (stored === 'not_found' || stored === 'token_invalid') throw new RuntimeError('UPLOAD_TOKEN_REFUSED', `this upload URL of file "${id}" is not valid (or was used already); call upsertFile again for a new one`)
  if (stored === 'token_expired') throw new RuntimeError('UPLOAD_EXPIRED', `this upload URL of file "${id}" has expired; call upsertFile again for a new one`)
  return { file: toStoredFile(engine, stored) }
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** Most passages one search returns, and most neighbours joined to each. */
export const SEARCH_LIMITS = { passages: 50, contextDepth: 5, queryLength: 4000 }

interface SearchRequest {
  readonly query: string
  readonly tags?: Tags
  readonly limit?: number
  readonly contextDepth?: number
  readonly consolidate?: boolean
}

/** Passages of indexed files matching a query, best first (PostgreSQL full-text search, English stemming). */
export async function searchFiles(engine: Engine, _caller: Caller, request: SearchRequest) {
  const { query, limit = 10, contextDepth = 0, consolidate = false } = request
  checkSearch(request)
  const hits = await files(engine).search({ query, limit, contextDepth, consolidate, ...defined({ tags: storedTags(request.tags) }) })
  return { passages: hits.map(toPassage) }
}

function checkSearch({ query, limit, contextDepth }: SearchRequest): void {
  const issues = [
    ...(typeof query !== 'string' || query.length > SEARCH_LIMITS.queryLength ? [{ path: 'query', message: `must be text of at most ${SEARCH_LIMITS.queryLength} characters` }] : []),
    ...(limit === undefined || (Number.isInteger(limit) && limit >= 1 && limit <= SEARCH_LIMITS.passages) ? [] : [{ path: 'limit', message: `must be a whole number from 1 to ${SEARCH_LIMITS.passages}` }]),
    ...(contextDepth === undefined || (Number.isInteger(contextDepth) && contextDepth >= 0 && contextDepth <= SEARCH_LIMITS.contextDepth)
      ? [] : [{ path: 'contextDepth', message: `must be a whole number from 0 to ${SEARCH_LIMITS.contextDepth}` }]),
  ]
  if (issues.length > 0) throw new InputError('searchFiles request', issues)
}

function toPassage(hit: PassageHit): FilePassage {
  return { content: hit.content, score: hit.score, meta: { type: 'chunk', position: hit.position }, file: hit.file }
}

export async function getFile(engine: Engine, _caller: Caller, request: { readonly id: string }) {
  const file = await files(engine).get(request.id)
  if (!file) throw notFound('file', request.id, engine.botId)
  return { file: toStoredFile(engine, file) }
}

export async function listFiles(engine: Engine, _caller: Caller, request: { readonly tags?: Tags; readonly nextToken?: string } = {}) {
  const offset = request.nextToken === undefined ? 0 : Number(request.nextToken)
  const page = await files(engine).list({ ...defined({ tags: storedTags(request.tags) }), offset: Number.isSafeInteger(offset) ? offset : 0 })
  return { files: page.items.map((file) => toStoredFile(engine, file)), meta: page.nextOffset === undefined ? {} : { nextToken: String(page.nextOffset) } }
}

export async function deleteFile(engine: Engine, _caller: Caller, request: { readonly id: string }) {
  if (!(await files(engine).delete(request.id))) throw notFound('file', request.id, engine.botId)
}

/** A file's content as stored, for the server to send. */
export async function readFileContent(engine: Engine, id: string) {
  const found = await files(engine).read(id)
  if (!found) throw notFound('file content', id, engine.botId)
  return { file: toStoredFile(engine, found.file), content: found.content }
}

/** Whether the file's content is served to anyone; false when there is no such file. */
export async function isPublicFile(engine: Engine, id: string): Promise<boolean> {
  return (await files(engine).get(id))?.accessPolicies.includes('public_content') ?? false
}

/** Stores the content of a file made by `upsertFile`. */
export async function writeFileContent(engine: Engine, id: string, content: Uint8Array) {
  checkSize(content.byteLength)
  const file = await files(engine).write(id, content)
  if (!file) throw notFound('file', id, engine.botId)
  return { file: toStoredFile(engine, file) }
}

const files = (engine: Engine) => createFileStore(engine.db, engine.botId)

function fieldsOf(request: FileFields) {
  const expiresAt = request.expiresAt === undefined ? undefined : dateOf(request.expiresAt)
  const { key, index, accessPolicies } = request
  return { key, contentType: request.contentType ?? 'application/octet-stream', ...defined({ index, accessPolicies, tags: storedTags(request.tags), expiresAt }) }
}

function bytesOf(content: string | Uint8Array | ArrayBuffer): Uint8Array {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content instanceof ArrayBuffer ? new Uint8Array(content) : content
  checkSize(bytes.byteLength)
  return bytes
}

function checkSize(size: number, path = 'content'): void {
  if (size > LIMITS.fileBytes) throw new PayloadError('file', [{ path, message: `is ${size} bytes; at most ${LIMITS.fileBytes} are allowed` }])
}

function dateOf(text: string): Date {
  const at = Date.parse(text)
  if (Number.isFinite(at)) return new Date(at)
  throw new PayloadError('file', [{ path: 'expiresAt', message: `${JSON.stringify(text.slice(0, 40))} is not an ISO 8601 date` }])
}

/** A server path as a client outside reaches it: under the public URL when the runtime knows it. */
function publicPath(engine: Engine, path: string): string {
  return engine.publicUrl === undefined ? path : `${engine.publicUrl.replace(/\/+$/, '')}${path}`
}

function toStoredFile(engine: Engine, file: FileRecord): StoredFile {
  const { id, key, size, contentType, tags, index, status, expiresAt, failedStatusReason, createdAt, updatedAt } = file
  const accessPolicies = file.accessPolicies as AccessPolicy[]
  return {
    id, botId: engine.botId, key, url: publicPath(engine, fileContentPath(engine.botId, id)), size, contentType, tags, index, status, accessPolicies,
    ...defined({ expiresAt, failedStatusReason }), createdAt, updatedAt,
  }
}
