import { ParleyError } from '@parley/sdk'
import { printable } from '../../guards/index.js'

export type KeyValueErrorCode = 'KV_KEY_INVALID' | 'KV_VALUE_INVALID' | 'KV_VALUE_TOO_LARGE' | 'KV_QUERY_INVALID'

/** A key-value call could not be done; the message names the key, field or operator at fault. */
export class KeyValueError extends ParleyError {
  constructor(override readonly code: KeyValueErrorCode, message: string) {
    super(code, message)
  }
}

/** A key or field as an error message shows it: quoted, printable, and cut short when long. */
export function quoted(text: string): string {
  const shown = printable(text.length > 80 ? `${text.slice(0, 80)}…` : text)
  return `"${shown}"`
}
