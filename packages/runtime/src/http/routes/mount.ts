import type { Context, Hono } from 'hono'
import { authenticate, type Credentials, type Target } from '../auth/authenticate.js'
import { ANONYMOUS, type Principal } from '../auth/principal.js'
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
    const principal = await principalOf(c, route, target, context)
    const request = await parseRequest(c, route, route.bodyLimit ?? context.bodyLimit)
    const bot = target.botId === undefined ? undefined : findBot(context.host, target.botId)
    return respond(c, route.success, await route.handle({ ...request, principal, bot, c }))
  })
}

/** The caller's credential as the route needs it; none, for what the route serves publicly. */
async function principalOf(c: Context, route: Route, target: Target, context: MountContext): Promise<Principal> {
  try {
    return authenticate(c, route.access, target, context.credentials)
  } catch (error) {
    const bot = route.publicIf && target.botId !== undefined ? context.host.bot(target.botId) : undefined
    // Whether it is public is all a caller without a credential learns: anything else answers as without one.
    if (bot && (await route.publicIf!(bot, c.req.param() as Record<string, string>).catch(() => false))) return ANONYMOUS
    throw error
  }
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
