import { ParleyError } from '@parley/sdk'

export interface HttpIssue {
  readonly path: string
  readonly message: string
}

/**
 * A call over HTTP failed. `code` and `message` are the server's when it answered (the same code the call
 * throws in-process, such as `NOT_FOUND` or `PAYLOAD_INVALID`); `status` is 0 when it did not answer.
 */
export class ParleyHttpError extends ParleyError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    readonly issues: readonly HttpIssue[] = [],
  ) {
    super(code, message)
  }
}
