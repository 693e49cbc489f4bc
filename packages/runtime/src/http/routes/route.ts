import type { Client, Schema, z } from '@parley/sdk'
import type { Context } from 'hono'
import type { Principal } from '../auth/principal.js'
import type { HostedBot } from '../host.js'
import type { Method, Success } from '../../api/operations/operation.js'

export type { Method, Success } from '../../api/operations/operation.js'

/**
 * Who may call a route: anyone, an API token covering the bot, an API token of scope `admin` (for what
 * concerns every bot, such as deployments), or the web chat credential of the conversation named in the path.
 */
export type Access = 'public' | 'token' | 'admin' | 'webchat'

/**
 * A route as data: the server mounts it and the OpenAPI document describes it, from the same schemas.
 * Every method of `Client` is one (see `operations/`); the others are written as one entry each, with
 * their handler, in this folder — a new route (an integration's webhook, a plugin's endpoint, a page) is
 * one more entry in `apiRoutes`.
 */
export interface Route {
  readonly method: Method
  /** Hono's syntax: `/v1/bots/:botId/users/:id`; a trailing `/*` takes any rest of the path. */
  readonly path: string
  readonly operationId: string
  readonly summary: string
  readonly tag: string
  readonly access: Access
  readonly params?: Schema
  readonly query?: Schema
  /**
   * A JSON body checked by this schema, `raw`: the body as text, whatever its type, for the handler to
   * read, or `bytes`: the body's bytes as they came (a file's content).
   */
  readonly body?: Schema | 'raw' | 'bytes'
  /** Largest body this route reads, in bytes, when it is not the server's `bodyLimit`. */
  readonly bodyLimit?: number
  readonly success: Success
  /** Honours `If-Match` (412 on a stale version) and answers with an `ETag`. */
  readonly conditional?: boolean
  /**
   * Served without a credential when this says so of the request's bot and path parameters (a public
   * file's content); a caller without one is otherwise refused as `access` says.
   */
  readonly publicIf?: (bot: HostedBot, params: Readonly<Record<string, string>>) => Promise<boolean>
  /** `bot` is the bot named by `:botId`, when the path has one. The result is sent as JSON, unless it is a `Response`. */
  readonly handle: (request: RouteRequest) => Promise<unknown>
}

export interface RouteRequest {
  // The schemas checked these; each route reads them through its own typed view (see `botRoute`).
  readonly params: unknown
  readonly query: unknown
  readonly body: unknown
  readonly principal: Principal
  readonly bot: HostedBot | undefined
  readonly c: Context
}

type Parsed<S> = S extends Schema ? z.output<S> : S extends 'raw' ? string : S extends 'bytes' ? Uint8Array : undefined

/** What a bot route's handler receives: the checked request and the bot it is for. */
export interface BotRequest<P, Q, B> {
  readonly params: Parsed<P>
  readonly query: Parsed<Q>
  readonly body: Parsed<B>
  readonly principal: Principal
  readonly bot: HostedBot
  readonly client: Client
  readonly c: Context
}

export interface BotRouteSpec<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | 'raw' | 'bytes' | undefined>
  extends Omit<Route, 'handle' | 'params' | 'query' | 'body'> {
  readonly params?: P
  readonly query?: Q
  readonly body?: B
  readonly handle: (request: BotRequest<P, Q, B>) => Promise<unknown>
}

/**
 * A route under `/v1/bots/:botId`, whose handler gets its inputs typed from the schemas and the bot
 * already looked up (the server answers 404 for a bot it does not serve).
 */
export function botRoute<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | 'raw' | 'bytes' | undefined = undefined>(
  spec: BotRouteSpec<P, Q, B>,
): Route {
  return {
    ...spec,
    handle: (request) => {
      // Mounting looked the bot up from `:botId` and answered 404 when there is none.
      const bot = request.bot!
      return spec.handle({ ...request, bot, client: bot.client } as BotRequest<P, Q, B>)
    },
  }
}
