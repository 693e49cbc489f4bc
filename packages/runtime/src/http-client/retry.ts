import { HTTPError, type RetryOptions } from 'ky'

export interface RetryPolicy {
  /** Retries after the first attempt; 3 by default. */
  readonly limit?: number
  /** The longest wait between attempts, in milliseconds; 5 s by default. */
  readonly backoffLimitMs?: number
}

const IDEMPOTENT = new Set(['get', 'put', 'patch', 'delete'])

/**
 * 429 and 503 mean the request was not taken on, so any call is tried again (after `Retry-After` when the
 * server sends one). A 502 or a dropped connection may come after the server did the work, so only calls
 * that are safe to repeat are tried again then — a message is never sent twice. A conditional write is
 * not: repeated after it was done, it would find its own version and fail as if another writer had won.
 */
export function retryFor(method: string, policy: RetryPolicy = {}, repeatable = true): RetryOptions {
  const idempotent = repeatable && IDEMPOTENT.has(method)
  return {
    limit: policy.limit ?? 3,
    methods: [method as 'get'],
    statusCodes: idempotent ? [429, 502, 503] : [429, 503],
    afterStatusCodes: [429, 503],
    backoffLimit: policy.backoffLimitMs ?? 5000,
    jitter: true,
    shouldRetry: ({ error }) => (!idempotent && !(error instanceof HTTPError) ? false : undefined),
  }
}
