import { ParleyError } from '@parley/sdk'

/**
 * Stable codes for what can go wrong talking to a chat-completions server.
 * - `UPSTREAM_FAILED`: it answered an error status (after the retries a 429 or 5xx gets).
 * - `UPSTREAM_TIMEOUT`: it did not answer, or stopped streaming, within `timeoutMs`. (A call cancelled
 *   through its `signal` rejects with the signal's reason instead, as cancelled calls do.)
 * - `UPSTREAM_UNREACHABLE`: no connection (wrong `baseUrl`, server down).
 * - `UPSTREAM_BAD_RESPONSE`: it answered 2xx with something that is not a chat completion.
 * - `LLM_INPUT_INVALID`: the input cannot be put into a request (a tool result without its call id…).
 */
export type OpenAiErrorCode = 'UPSTREAM_FAILED' | 'UPSTREAM_TIMEOUT' | 'UPSTREAM_UNREACHABLE' | 'UPSTREAM_BAD_RESPONSE' | 'LLM_INPUT_INVALID'

export interface UpstreamDetails {
  /** The HTTP status the server answered, when it answered. */
  readonly status?: number
  /** The start of what it answered, for the log. */
  readonly bodyExcerpt?: string
  /** OpenAI's own error `type` and `code` (`invalid_request_error`, `rate_limit_exceeded`), when given. */
  readonly upstreamType?: string
  readonly upstreamCode?: string
  /** How many requests were made, retries included. */
  readonly attempts?: number
}

/** A call to the chat-completions server failed; the message names the server, the status and what it said. */
export class OpenAiError extends ParleyError {
  readonly status: number | undefined
  readonly bodyExcerpt: string | undefined
  readonly upstreamType: string | undefined
  readonly upstreamCode: string | undefined
  readonly attempts: number | undefined

  constructor(
    override readonly code: OpenAiErrorCode,
    message: string,
    details: UpstreamDetails = {},
  ) {
    super(code, message)
    this.status = details.status
    this.bodyExcerpt = details.bodyExcerpt
    this.upstreamType = details.upstreamType
    this.upstreamCode = details.upstreamCode
    this.attempts = details.attempts
  }
}
