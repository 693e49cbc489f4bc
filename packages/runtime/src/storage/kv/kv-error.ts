import { ParleyError } from '@parley/sdk'

export type KeyValueErrorCode = 'KV_KEY_INVALID' | 'KV_VALUE_INVALID' | 'KV_VALUE_TOO_LARGE' | 'KV_QUERY_INVALID'

/** A key-value call could not be done; the message names the key, field or operator at fault. */
export class KeyValueError extends ParleyError {
  constructor(override readonly code: KeyValueErrorCode, message: string) {
    super(code, message)
  }
}
