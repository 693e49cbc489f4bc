import { z, type Tags } from '@parley/sdk'
import { LIMITS } from '../../guards/index.js'
import { anyObject, botParams, idParams, name, tagsInput, tagsQuery } from '../schemas/common.js'
import { filePassage, runtimeTable, storedFile } from '../schemas/records.js'
import { describeOperations, type Wire } from './operation.js'
import { tagged } from './tagged.js'

const files = '/v1/bots/:botId/files'
const tables = '/v1/bots/:botId/runtime-tables'
const oneFile = z.object({ file: storedFile })
const accessPolicies = z.array(z.enum(['public_content', 'integrations'])).max(2)
const fileFields = {
  key: z.string().min(1).max(1000),
  contentType: z.string().max(200).optional(),
  index: z.boolean().optional(),
  tags: tagsInput.optional(),
  accessPolicies: accessPolicies.optional(),
  expiresAt: z.string().datetime({ offset: true }).optional(),
}

/** Bytes travel in JSON as base64, with `contentEncoding` saying so; text travels as it is. */
const contentWire = {
  toWire: (request: { readonly content: string | Uint8Array | ArrayBuffer; readonly tags?: Tags }): Wire => {
    const { content } = request
    if (typeof content === 'string') return tagged.toWire(request)
    const bytes = content instanceof ArrayBuffer ? new Uint8Array(content) : content
    return { ...tagged.toWire(request), content: Buffer.from(bytes).toString('base64'), contentEncoding: 'base64' }
  },
  fromWire: <R>(wire: Wire): R => {
    const { contentEncoding, content, ...rest } = tagged.fromWire<Wire>(wire)
    return { ...rest, content: contentEncoding === 'base64' ? new Uint8Array(Buffer.from(String(content), 'base64')) : content } as R
  },
}

/** The bot's files, and tables code creates at run time, as Botpress plugins use them. */
export const fileOperations = describeOperations({
  uploadFile: {
    method: 'put', path: files, summary: 'Store a file under its key, replacing the one there', tag: 'files',
    params: botParams,
    body: z.strictObject({ ...fileFields, content: z.string(), contentEncoding: z.literal('base64').optional() }),
    success: { status: 200, schema: oneFile },
    ...contentWire,
  },
  upsertFile: {
    method: 'post', path: files, summary: "Create or update a file's record; its content is then sent to uploadUrl", tag: 'files',
    params: botParams,
    body: z.strictObject({ ...fileFields, size: z.number().int().min(0).max(LIMITS.fileBytes).optional() }),
    success: { status: 200, schema: z.object({ file: storedFile.and(z.object({ uploadUrl: z.string() })) }) },
    ...tagged,
  },
  listFiles: {
    method: 'get', path: files, summary: 'List files, oldest first', tag: 'files',
    params: botParams,
    query: z.object({ tags: tagsQuery.optional(), nextToken: z.string().regex(/^\d{1,10}$/).optional() }),
    success: { status: 200, schema: z.object({ files: z.array(storedFile), meta: z.object({ nextToken: z.string().optional() }) }) },
  },
  getFile: {
    method: 'get', path: `${files}/:id`, summary: "Get a file's record", tag: 'files',
    params: idParams,
    success: { status: 200, schema: oneFile },
  },
  deleteFile: {
    method: 'delete', path: `${files}/:id`, summary: 'Delete a file', tag: 'files',
    params: idParams,
    success: { status: 204 },
  },
  searchFiles: {
    method: 'post', path: `${files}/search`, summary: 'Find passages of indexed files that match a query, best first', tag: 'files',
    params: botParams,
    body: z.strictObject({
      query: z.string().max(4000), tags: tagsQuery.optional(), limit: z.number().int().min(1).max(50).optional(),
      contextDepth: z.number().int().min(0).max(5).optional(), consolidate: z.boolean().optional(),
    }),
    success: { status: 200, schema: z.object({ passages: z.array(filePassage) }) },
  },
  createTable: {
    method: 'post', path: tables, summary: 'Create a table from a JSON Schema of its rows, or add new fields to it', tag: 'tables',
    params: botParams,
    body: z.strictObject({ name, schema: anyObject, tags: tagsInput.optional() }),
    success: { status: 201, schema: z.object({ table: runtimeTable }) },
    ...tagged,
  },
  getTable: {
    method: 'get', path: `${tables}/:table`, summary: 'Get a run-time table and how many rows it has', tag: 'tables',
    params: botParams.extend({ table: name }),
    success: { status: 200, schema: z.object({ table: runtimeTable, rows: z.number().int() }) },
  },
  deleteTable: {
    method: 'delete', path: `${tables}/:table`, summary: 'Drop a run-time table and its rows', tag: 'tables',
    params: botParams.extend({ table: name }),
    success: { status: 204 },
  },
})
