import type { StoredFile, Tags } from '@parley/sdk'
import type { Engine } from '../engine/engine.js'
import { notFound, PayloadError } from '../engine/errors.js'
import { defined, storedTags } from '../engine/records.js'
import type { Caller } from '../engine/units.js'
import { createFileStore, type FileRecord } from '../storage/index.js'
import { LIMITS } from '../guards/index.js'

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

/** The file's record, its content to follow at `uploadUrl` (a `PUT` of the bytes). */
export async function upsertFile(engine: Engine, _caller: Caller, request: FileFields & { readonly size?: number }) {
  const file = toStoredFile(engine, await files(engine).put({ ...fieldsOf(request), ...defined({ size: request.size }) }))
  return { file: { ...file, uploadUrl: file.url } }
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

function checkSize(size: number): void {
  if (size > LIMITS.fileBytes) throw new PayloadError('file', [{ path: 'content', message: `is ${size} bytes; at most ${LIMITS.fileBytes} are allowed` }])
}

function dateOf(text: string): Date {
  const at = Date.parse(text)
  if (Number.isFinite(at)) return new Date(at)
  throw new PayloadError('file', [{ path: 'expiresAt', message: `${JSON.stringify(text.slice(0, 40))} is not an ISO 8601 date` }])
}

function toStoredFile(engine: Engine, file: FileRecord): StoredFile {
  const { id, key, size, contentType, tags, index, status, expiresAt, createdAt, updatedAt } = file
  const accessPolicies = file.accessPolicies as AccessPolicy[]
  return { id, botId: engine.botId, key, url: fileContentPath(engine.botId, id), size, contentType, tags, index, status, accessPolicies, ...defined({ expiresAt }), createdAt, updatedAt }
}
