import { z } from '@parley/sdk'
import { idParams } from '../../api/schemas/common.js'
import { storedFile } from '../../api/schemas/records.js'
import { LIMITS } from '../../guards/index.js'
import { RequestError } from '../errors/http-errors.js'
import { botRoute, type Route } from './route.js'

/**
 * A file's type is whatever its writer said: served from the API's own origin, an HTML or SVG file could
 * otherwise run script with the studio's session. It is shown sandboxed (no script, no requests), and
 * never sniffed as another type.
 */
const CONTENT_HEADERS = { 'x-content-type-options': 'nosniff', 'content-security-policy': "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'" }

/**
 * A stored file's content, at the `url` its record gives, with the record's `contentType`. A file with
 * no content yet (made by `upsertFile`) is answered 404 like a missing one. A file whose
 * `accessPolicies` hold `public_content` is served to anyone; any other needs an API token covering the bot.
 */
export const fileContentRoute: Route = botRoute({
  method: 'get', path: '/v1/bots/:botId/files/:id/content', operationId: 'getFileContent', summary: "A file's content, as stored", tag: 'files',
  access: 'token', params: idParams,
  publicIf: (bot, params) => bot.isPublicFile(params['id'] ?? ''),
  success: { status: 200, contentType: '*/*', description: 'The bytes of the file, with its content type' },
  handle: async ({ bot, params }) => {
    const { content, contentType } = await bot.readFile(params.id)
    return new Response(content, { headers: { 'content-type': contentType, 'content-length': String(content.byteLength), ...CONTENT_HEADERS } })
  },
})

/**
 * The upload URL `upsertFile` hands out: a `PUT` of the bytes stores them as the file's content (its
 * content type stays the record's). The URL's token is the credential: unguessable, good once, and only
 * until it expires; a wrong or spent one is 403, a missing one 401, and nothing is stored.
 */
export const fileUploadRoute: Route = botRoute({
  method: 'put', path: '/v1/bots/:botId/files/:id/content', operationId: 'uploadFileContent', summary: "Send a file's content to the upload URL upsertFile gave", tag: 'files',
  access: 'public', params: idParams, query: z.object({ token: z.string().max(200).optional() }), body: 'bytes', bodyLimit: LIMITS.fileBytes,
  success: { status: 200, schema: z.object({ file: storedFile }) },
  handle: async ({ bot, params, query, body }) => {
    if (!query.token) throw new RequestError('UNAUTHORIZED', 'this upload URL has no token; use the uploadUrl upsertFile returned, whole')
    return bot.storeUpload(params.id, query.token, body)
  },
})
