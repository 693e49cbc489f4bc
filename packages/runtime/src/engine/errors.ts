import { ParleyError } from '@parley/sdk'

/** Stable codes for what the runtime refuses while loading or running a bot. */
export type RuntimeErrorCode =
  | 'IMPLEMENTATION_MISSING'
  | 'IMPLEMENTATION_INVALID'
  | 'NAME_UNKNOWN'
  | 'OUT_OF_SCOPE'
  | 'CONTEXT_MISSING'
  | 'STATE_TYPE_MISMATCH'
  | 'STATE_NOT_FOUND'
  | 'STATE_VERSION_CONFLICT'
  | 'NOT_FOUND'
  | 'MESSAGE_TYPE_UNKNOWN'
  | 'RUNTIME_STOPPED'
  | 'CALL_DEPTH_EXCEEDED'
  | 'ID_INVALID'
  | 'APP_SETTINGS_INVALID'
  | 'APP_URL_REFUSED'
  | 'NOT_SUPPORTED'
  | 'UPLOAD_TOKEN_REFUSED'
  | 'UPLOAD_EXPIRED'
  | 'PUBLIC_URL_INVALID'

/** The runtime could not do what was asked; the message names the bot part at fault and what to change. */
export class RuntimeError extends ParleyError {
  constructor(
    override readonly code: RuntimeErrorCode,
    message: string,
  ) {
    super(code, message)
  }
}

/** `user "u1" does not exist in bot "bot"`: a record named by id is not there. */
export function notFound(kind: string, id: string, botId: string): RuntimeError {
  return new RuntimeError('NOT_FOUND', `${kind} "${id}" does not exist in bot "${botId}"`)
}

/** One field that failed its schema: `path` is dotted from the payload's root (`input.name`). */
export interface PayloadIssue {
  readonly path: string
  readonly message: string
}

/**
 * A payload crossing into the bot (an action's input or output, an event, a message, a state) does not
 * match its schema; nothing was run or written with it.
 */
export class PayloadError extends ParleyError {
  override readonly code = 'PAYLOAD_INVALID' as const

  constructor(
    readonly subject: string,
    readonly issues: readonly PayloadIssue[],
  ) {
    super('PAYLOAD_INVALID', issues.map((issue) => `${subject}${issue.path ? `.${issue.path}` : ''}: ${issue.message}`).join('; '))
  }
}
