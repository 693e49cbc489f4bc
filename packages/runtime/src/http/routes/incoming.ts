import { z } from '@parley/sdk'
import { messageContent } from '../../api/operations/messages.js'
import { botParams, id } from '../../api/schemas/common.js'
import { message } from '../../api/schemas/records.js'
import { tagsFromWire } from '../../api/schemas/tags.js'
import { botRoute, type Route } from './route.js'

/** A user's message handed in by a channel the server does not run itself (a program, a test, a bridge). */
export const incomingMessageRoute: Route = botRoute({
  method: 'post', path: '/v1/bots/:botId/messages/incoming', operationId: 'receiveMessage',
  summary: "Hand in a user's message: it is stored and dispatched to hooks and handlers, and the call returns once they ran", tag: 'messages', access: 'token',
  params: botParams,
  body: z.strictObject({ conversationId: id, userId: id, ...messageContent }),
  success: { status: 201, schema: z.object({ message }) },
  handle: ({ bot, body }) => bot.receiveMessage({ ...body, tags: tagsFromWire(body.tags) }),
})
