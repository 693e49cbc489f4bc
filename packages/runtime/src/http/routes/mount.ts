import type { Context, Hono } from 'hono'
import { authenticate, type Credentials } from '../auth/authenticate.js'
import { botNotFound } from '../errors/http-errors.js'
import type { HostedBot, RuntimeHost } from '../host.js'
import { parseRequest } from '../request/parse-request.js'
import type { Route, Success } from './route.js'

export interface MountContext {
  readonly host: RuntimeHost
  readonly credentials: Credentials
  /** Largest request body read, in bytes. */
  readonly bodyLimit: number
}

/** Serves a route: credential first (so nothing about a bot leaks to a stranger), then input, then the bot. */
export function mountRoute(app: Hono, route: Route, context: MountContext): void {
  app.on(route.method.toUpperCase(), route.path, async (c) => {
    const target = { botId: c.req.param('botId'), conversationId: c.req.param('conversationId') }
    const principal = authenticate(c, route.access, target, context.credentials)
    const request = await parseRequest(c, route, route.bodyLimit ?? context.bodyLimit)
    const bot = target.botId === undefined ? undefined : findBot(context.host, target.botId)
    return respond(c, route.success, await route.handle({ ...request, principal, bot, c }))
  })
}

function findBot(host: RuntimeHost, botId: string): HostedBot {
  const bot = host.bot(botId)
  if (!bot) throw botNotFound(botId)
  return bot
}

function respond(c: Context, success: Success, result: unknown): Response {
  if (result instanceof Response) return result
  if (success.status === 204) return c.body(null, 204)
  return c.json(result as object, success.status)
}
