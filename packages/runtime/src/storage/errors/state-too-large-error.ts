import { ParleyError } from '@parley/sdk'

/** Which state a write was for, as `StateTooLargeError` reports it. */
export interface StateLocation {
  readonly type: string
  readonly id: string
  readonly name: string
}

/**
 * A state write was refused because its JSON is bigger than the limit; the state kept its previous value.
 * Sizes are bytes of the UTF-8 JSON text.
 */
export class StateTooLargeError extends ParleyError {
  override readonly code = 'STATE_TOO_LARGE' as const

  constructor(
    readonly state: StateLocation,
    readonly size: number,
    readonly limit: number,
  ) {
    super(
      'STATE_TOO_LARGE',
      `state "${state.name}" (${state.type} "${state.id}") would be ${formatBytes(size)} of JSON, over the limit of ` +
        `${formatBytes(limit)}; nothing was written. Keep large or growing data in a table, or raise the state size limit`,
    )
  }
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`
}
