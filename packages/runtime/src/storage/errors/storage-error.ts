import { ParleyError } from '@parley/sdk'

/** Stable codes for what can go wrong in the storage layer outside of states and tables. */
export type StorageErrorCode =
  | 'DATABASE_CONFIG_INVALID'
  | 'DATABASE_UNREACHABLE'
  | 'DATABASE_BROKEN'
  | 'DATABASE_TOO_NEW'
  | 'DATABASE_IN_USE'
  | 'MIGRATION_FAILED'
  | 'NOT_FOUND'
  | 'PAGE_INVALID'
  | 'STATE_EXPIRY_INVALID'
  | 'STATE_NOT_FOUND'
  | 'STATE_VERSION_CONFLICT'
  | 'DATABASE_BROKEN'
  | 'QUERY_TOO_LARGE'
  | 'TEXT_INVALID'
  | 'WORKFLOW_FINISHED'
  | 'USER_DELETED'

/** A storage operation could not be done; the message says which record or setting is at fault. */
export class StorageError extends ParleyError {
  constructor(
    override readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message)
    if (options && 'cause' in options) this.cause = options.cause
  }
}

/** What kind of record a lookup was for, as the message spells it. */
export type RecordKind = 'user' | 'conversation' | 'message' | 'event' | 'state' | 'workflow'

export function notFound(kind: RecordKind, id: string, botId: string): StorageError {
  return new StorageError('NOT_FOUND', `${kind} "${id}" does not exist in bot "${botId}"`)
}
