import { ParleyError } from '@parley/sdk'

/** One field of a request that failed its schema; `path` is dotted from the part it is in (`body.payload.text`). */
export interface RequestIssue {
  readonly path: string
  readonly message: string
}

export type RequestErrorCode =
  | 'REQUEST_INVALID'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'ROUTE_NOT_FOUND'
  | 'BOT_NOT_FOUND'
  | 'BODY_TOO_LARGE'
  | 'STATE_VERSION_CONFLICT'
  | 'WEBHOOK_NOT_FOUND'
  | 'WEBHOOK_FAILED'
  | 'PLUGIN_ROUTE_NOT_FOUND'
  | 'ENDPOINT_FAILED'
  | 'RATE_LIMITED'
  | 'STUDIO_UNAVAILABLE'
  | 'TURN_NOT_FOUND'
  | 'JOB_NOT_FOUND'
  | 'WORKFLOW_NOT_FOUND'
  | 'PLUGIN_PAGE_NOT_FOUND'

/** The server refused a request before it reached the bot; the message says what to send instead. */
export class RequestError extends ParleyError {
  constructor(
    override readonly code: RequestErrorCode,
    message: string,
    readonly issues: readonly RequestIssue[] = [],
  ) {
    super(code, message)
  }
}

/**
 * A body over the limit. `drained` says whether the rest of it was read, so the connection can carry the
 * next request; when it was not, the answer closes the connection.
 */
export class BodyTooLargeError extends RequestError {
  constructor(
    readonly limit: number,
    readonly drained: boolean,
  ) {
    super('BODY_TOO_LARGE', `the request body is over the limit of ${limit} bytes; send less per call (a table's rows in batches, for example)`)
  }
}

export function invalidRequest(issues: readonly RequestIssue[]): RequestError {
  const list = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ')
  return new RequestError('REQUEST_INVALID', `the request is invalid: ${list}`, issues)
}

export function botNotFound(botId: string): RequestError {
  return new RequestError('BOT_NOT_FOUND', `bot "${botId}" is not served here; GET /v1/bots lists the bots this server runs`)
}

/** Options of the HTTP server that cannot work, found when it starts. */
export class HttpConfigError extends ParleyError {
  override readonly code = 'HTTP_CONFIG_INVALID' as const

  constructor(message: string) {
    super('HTTP_CONFIG_INVALID', message)
  }
}
