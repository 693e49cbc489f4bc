import { idParams } from '../../api/schemas/common.js'
import { botRoute, type Route } from './route.js'

/**
 * A stored file's content, at the `url` its record gives, with the record's `contentType`. A file with
 * no content yet (made by `upsertFile`) is answered 404 like a missing one.
 */
export const fileContentRoute: Route = botRoute({
  method: 'get', path: '/v1/bots/:botId/files/:id/content', operationId: 'getFileContent', summary: "A file's content, as stored", tag: 'files',
  access: 'token', params: idParams,
  success: { status: 200, contentType: '*/*', description: 'The bytes of the file, with its content type' },
  handle: async ({ bot, params }) => {
    const { content, contentType } = await bot.readFile(params.id)
    return new Response(content, { headers: { 'content-type': contentType, 'content-length': String(content.byteLength) } })
  },
})
