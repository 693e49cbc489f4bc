import { ParleyError } from './parley-error.js'

/** What a {@link RuntimeError} may carry besides its message. */
export interface RuntimeErrorOptions {
  /** A stable code callers can branch on; `RUNTIME_ERROR` when none is given. */
  readonly code?: string
  readonly cause?: unknown
  readonly metadata?: Readonly<Record<string, unknown>>
}

/**
 * An error a handler throws on purpose, so that the caller (an action's caller, the HTTP API) gets its
 * message rather than a generic failure. Accepts Botpress's arguments too: `new RuntimeError(message,
 * innerError?, id?, metadata?)`.
 *
 * @example
 * throw new RuntimeError('conversationId is required to start a handoff')
 * throw new RuntimeError('the ticket is closed', { code: 'TICKET_CLOSED' })
 */
export class RuntimeError extends ParleyError {
  readonly id: string | undefined
  readonly metadata: Readonly<Record<string, unknown>> | undefined

  constructor(message: string, options?: RuntimeErrorOptions | Error, id?: string, metadata?: Readonly<Record<string, unknown>>) {
    const given = options instanceof Error ? { cause: options } : (options ?? {})
    super(given.code ?? 'RUNTIME_ERROR', message)
    if (given.cause !== undefined) Object.defineProperty(this, 'cause', { value: given.cause, configurable: true, writable: true })
    this.id = id
    this.metadata = given.metadata ?? metadata
  }
}

/**
 * Whether a thrown value is an error the API or the runtime raised on purpose (any `ParleyError`, from
 * this copy of the SDK or another), as Botpress code asks of its client's errors.
 */
export function isApiError(thrown: unknown): thrown is ParleyError {
  if (thrown instanceof ParleyError) return true
  for (let proto = thrown instanceof Error ? Object.getPrototypeOf(thrown) : null; proto; proto = Object.getPrototypeOf(proto)) {
    if (proto.constructor?.name === 'ParleyError') return true
  }
  return false
}
