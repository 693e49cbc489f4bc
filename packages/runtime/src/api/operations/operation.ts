import type { Client, Schema, UNTYPED_CLIENT_NAMES } from '@parley/sdk'

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** What a successful call returns: JSON by a schema, nothing (204), a stream or a page. */
export type Success =
  | { readonly status: 200 | 201; readonly schema: Schema }
  | { readonly status: 204 }
  | { readonly status: 200; readonly contentType: 'text/event-stream' | 'text/html' | '*/*'; readonly description: string }

// `_inner` and `_client` are the client itself, not operations.
export type ClientName = Exclude<keyof Client, (typeof UNTYPED_CLIENT_NAMES)[number]>
export type ClientRequest<K extends ClientName> = Parameters<Client[K]>[0]
export type ClientResult<K extends ClientName> = Awaited<ReturnType<Client[K]>>

/** A call's fields as they travel: those named in the path fill it, the others go in the query or the body. */
export type Wire = Readonly<Record<string, unknown>>

/**
 * One method of `Client` over HTTP. The server checks a request with the schemas and calls the method;
 * the HTTP client sends the method's request and hands back the result; the OpenAPI document describes
 * both. Every call needs an API token whose scope covers the bot.
 *
 * A request travels as its fields: each `:name` in the path (but `:botId`) is the field of that name, the
 * others go in the query string (`get`, `delete`) or the JSON body. `toWire`/`fromWire` and
 * `resultToWire`/`resultFromWire` are for what JSON cannot say as the method does.
 */
export interface ClientOperation<K extends ClientName = ClientName> {
  readonly method: Method
  /** Hono's syntax: `/v1/bots/:botId/users/:id`. */
  readonly path: string
  readonly summary: string
  readonly tag: string
  readonly params: Schema
  readonly query?: Schema
  readonly body?: Schema
  readonly success: Success
  /**
   * A write of one state that honours `If-Match`: the method's `ifVersion` travels as that header, and a
   * stale version is answered 412.
   */
  readonly conditional?: boolean
  readonly toWire?: (request: ClientRequest<K>) => Wire
  readonly fromWire?: (wire: Wire) => ClientRequest<K>
  readonly resultToWire?: (result: ClientResult<K>) => unknown
  readonly resultFromWire?: (body: unknown) => ClientResult<K>
}

/**
 * A method of `Client` served by another's route: the HTTP client turns its request into the other's and
 * the other's result back.
 */
export interface ClientAlias<K extends ClientName, Via extends ClientName> {
  readonly via: Via
  readonly toRequest?: (request: ClientRequest<K>) => ClientRequest<Via>
  readonly fromResult?: (result: ClientResult<Via>) => ClientResult<K>
}

/** A group of operations, each checked against the `Client` method of its name. */
export function describeOperations<O extends { readonly [K in keyof O]: K extends ClientName ? ClientOperation<K> : never }>(operations: O): O {
  return operations
}
