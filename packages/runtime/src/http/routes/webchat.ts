import { z } from '@parley/sdk'
import type { Context } from 'hono'
import type { HostedBot } from '../host.js'
import type { WebchatKeys } from '../auth/webchat-keys.js'
import { RequestError } from '../errors/http-errors.js'
import { anyObject, botParams, id, idParams, name, pageQuery } from '../../api/schemas/common.js'
import { botSummary, conversation, message, user } from '../../api/schemas/records.js'
import { messageStream, type StreamOptions } from '../sse/message-stream.js'
import { summarize } from './bots.js'
import { botRoute, type Route } from './route.js'
import { openSession } from './webchat-session.js'

const tag = 'webchat'
const conversationParams = botParams.extend({ conversationId: id })
const base = '/v1/bots/:botId/webchat/conversations/:conversationId'
const turnFailure = z.object({ handler: z.string(), owner: z.string(), message: z.string(), at: z.string().optional() })
const streamSuccess = { status: 200, contentType: 'text/event-stream', description: 'Server-sent events: `ready` once subscribed, then `message` (data: the message as JSON) for each new message' } as const

export interface WebchatRouteOptions extends StreamOptions {
  readonly keys: WebchatKeys
}

/** A stream of a conversation that exists: an unknown one is a 404 now, not a silent stream forever. */
async function openStream(c: Context, bot: HostedBot, conversationId: string, options: StreamOptions): Promise<Response> {
  await bot.client.getConversation({ id: conversationId })
  return messageStream(c, bot, conversationId, options)
}

/** The web chat channel: a visitor gets a key for one conversation, sends messages and streams replies. */
export function webchatRoutes(options: WebchatRouteOptions): readonly Route[] {
  return [
    botRoute({
      method: 'post', path: '/v1/bots/:botId/webchat/session', operationId: 'openWebchatSession',
      summary: 'Start a web chat session, or resume the one a user key names (with a fresh key); no credential needed', tag, access: 'public',
      params: botParams,
      body: z.strictObject({ userKey: z.string().max(1000).optional(), name: z.string().min(1).max(200).optional() }),
      success: { status: 200, schema: z.object({ userKey: z.string(), user, conversation, bot: botSummary }) },
      handle: async ({ bot, body }) => ({ ...(await openSession(bot, options.keys, body)), bot: summarize(bot) }),
    }),
    botRoute({
      method: 'post', path: `${base}/messages`, operationId: 'sendWebchatMessage', summary: "Send a message as the session's user", tag, access: 'webchat',
      params: conversationParams,
      body: z.strictObject({ type: name, payload: anyObject }),
      success: { status: 201, schema: z.object({ message, failures: z.array(turnFailure).optional().describe('Handlers that threw; only from a development server (`parley dev`)') }) },
      handle: ({ bot, params, body, principal }) => {
        if (principal.kind !== 'webchat') throw new RequestError('FORBIDDEN', 'only a web chat user key may send here')
        return bot.receiveMessage({ conversationId: params.conversationId, userId: principal.userId, ...body })
      },
    }),
    botRoute({
      method: 'get', path: `${base}/messages`, operationId: 'listWebchatMessages', summary: "List the session's messages, oldest first", tag, access: 'webchat',
      params: conversationParams,
      query: z.object(pageQuery),
      success: { status: 200, schema: z.object({ messages: z.array(message) }) },
      handle: ({ client, params, query }) => client.listMessages({ conversationId: params.conversationId, ...query }),
    }),
    botRoute({
      method: 'get', path: `${base}/stream`, operationId: 'streamWebchatMessages',
      summary: "Stream the conversation's new messages; EventSource may pass the user key as ?key=", tag, access: 'webchat',
      params: conversationParams,
      query: z.object({ key: z.string().max(1000).optional() }),
      success: streamSuccess,
      handle: ({ c, bot, params }) => openStream(c, bot, params.conversationId, options),
    }),
    botRoute({
      method: 'get', path: '/v1/bots/:botId/conversations/:id/stream', operationId: 'streamMessages',
      summary: "Stream a conversation's new messages", tag: 'messages', access: 'token',
      params: idParams,
      success: streamSuccess,
      handle: ({ c, bot, params }) => openStream(c, bot, params.id, options),
    }),
  ]
}
