import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { RequestError } from '../errors/http-errors.js'
import type { Access } from '../routes/route.js'
import { ANONYMOUS, type Principal } from './principal.js'
import { SESSION_COOKIE, type StudioSessions } from './studio-sessions.js'
import { covers, describeScope, type TokenRegistry, type TokenScope } from './tokens.js'
import type { WebchatKeys } from './webchat-keys.js'

export interface Credentials {
  readonly tokens: TokenRegistry
  readonly webchat: WebchatKeys
  readonly sessions: StudioSessions
}

/** What the route is about, from its path: the bot and, for web chat routes, the conversation. */
export interface Target {
  readonly botId: string | undefined
  readonly conversationId: string | undefined
}

/**
 * Checks the caller's credential against what the route allows: 401 when there is none or it is not
 * known, 403 when it is valid but does not reach the bot or conversation.
 */
export function authenticate(c: Context, access: Access, target: Target, credentials: Credentials): Principal {
  if (access === 'public') return ANONYMOUS
  if (access === 'token') return checkToken(c, target, credentials)
  if (access === 'admin') return checkAdmin(checkToken(c, target, credentials))
  return checkWebchatKey(bearer(c) ?? c.req.query('key'), target, credentials)
}

function bearer(c: Context): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')
  return match?.[1]
}

/** An API token in the header, or else the studio's session cookie (which a browser sends by itself). */
function checkToken(c: Context, { botId }: Target, { tokens, sessions }: Credentials): Principal {
  const token = bearer(c)
  const session = token === undefined ? getCookie(c, SESSION_COOKIE) : undefined
  const scope = session === undefined ? tokenScope(token, tokens) : sessionScope(session, sessions)
  if (botId !== undefined && !covers(scope, botId)) {
    throw new RequestError('FORBIDDEN', `the API token's scope "${describeScope(scope)}" does not cover bot "${botId}"; use a token with scope admin or bot:${botId}`)
  }
  return { kind: 'token', scope }
}

function checkAdmin(principal: Principal): Principal {
  if (principal.kind === 'token' && principal.scope.kind === 'admin') return principal
  throw new RequestError('FORBIDDEN', 'this route needs an API token of scope admin (an entry admin=<token> in PARLEY_API_TOKENS)')
}

function checkWebchatKey(key: string | undefined, { botId, conversationId }: Target, { webchat }: Credentials): Principal {
  if (key === undefined) throw unauthorized('this route needs a web chat user key: get one from POST /v1/bots/:botId/webchat/session and send it as "Authorization: Bearer <key>"')
  const verified = webchat.verify(key)
  if (!verified) throw unauthorized('the web chat user key is not valid here (the server may have a new secret); start a new session with POST /v1/bots/:botId/webchat/session')
  if (verified.expired) throw unauthorized('the web chat user key has expired; start a new session with POST /v1/bots/:botId/webchat/session')
  const { grant } = verified
  if (grant.botId !== botId || grant.conversationId !== conversationId) {
    throw new RequestError('FORBIDDEN', `the web chat user key is for conversation "${grant.conversationId}" of bot "${grant.botId}" only`)
  }
  return { kind: 'webchat', ...grant }
}

function unauthorized(message: string): RequestError {
  return new RequestError('UNAUTHORIZED', message)
}

function tokenScope(token: string | undefined, tokens: TokenRegistry): TokenScope {
  if (token === undefined) throw unauthorized('this route needs an API token: send "Authorization: Bearer <token>" with a token configured in PARLEY_API_TOKENS')
  const scope = tokens.find(token)
  if (!scope) throw unauthorized('the API token is not one this server knows; check PARLEY_API_TOKENS on the server')
  return scope
}

function sessionScope(session: string, sessions: StudioSessions): TokenScope {
  const scope = sessions.find(session)
  if (!scope) throw unauthorized('the studio session has ended (logged out, idle too long, or the server restarted); log in again at /studio')
  return scope
}
