import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { studioSession } from '../../api/studio/operations.js'
import { SESSION_COOKIE, SESSION_IDLE_MS, type StudioSessions } from '../auth/studio-sessions.js'
import { describeScope, type TokenRegistry } from '../auth/tokens.js'
import { RequestError } from '../errors/http-errors.js'
import type { Route } from './route.js'

const path = '/v1/studio/session'
const tag = 'studio'

/**
 * Logging in to Parley Studio: the API token goes in a POST body (never a URL), and comes back as a
 * session cookie the page's script cannot read (HttpOnly) and other sites cannot make the browser send
 * (SameSite=Strict).
 */
export function studioSessionRoutes(tokens: TokenRegistry, sessions: StudioSessions): Route[] {
  return [
    {
      method: 'post', path, operationId: 'openStudioSession', summary: 'Log in to the studio: an API token for a session cookie', tag, access: 'public',
      body: studioSession.body, success: { status: 200, schema: studioSession.result },
      handle: async ({ body, c }) => {
        const scope = tokens.find((body as { token: string }).token)
        if (!scope) throw new RequestError('UNAUTHORIZED', 'the API token is not one this server knows; use a token from PARLEY_API_TOKENS (`parley dev` prints one)')
        setCookie(c, SESSION_COOKIE, sessions.create(scope), cookieOptions(c))
        return { scope: describeScope(scope) }
      },
    },
    {
      method: 'get', path, operationId: 'getStudioSession', summary: "The studio session's scope (401 when not logged in)", tag, access: 'token',
      success: { status: 200, schema: studioSession.result },
      handle: async ({ principal }) => ({ scope: principal.kind === 'token' ? describeScope(principal.scope) : '' }),
    },
    {
      method: 'delete', path, operationId: 'closeStudioSession', summary: 'Log out of the studio', tag, access: 'public',
      success: { status: 204 },
      handle: async ({ c }) => {
        const id = getCookie(c, SESSION_COOKIE)
        if (id !== undefined) sessions.end(id)
        deleteCookie(c, SESSION_COOKIE, { path: '/' })
        return undefined
      },
    },
  ]
}

function cookieOptions(c: Context) {
  const https = new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'
  return { path: '/', httpOnly: true, sameSite: 'Strict', secure: https, maxAge: Math.floor(SESSION_IDLE_MS / 1000) } as const
}

