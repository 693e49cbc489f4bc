import { ParleyError, type Context } from '@parley/sdk'
import type { Engine } from '../../engine/engine.js'
import type { Unit } from '../../engine/units.js'

/** A handler or hook that threw: which one, whose, and the error. The runtime carried on without it. */
export interface HandlerFailure {
  /** `on.message('*')`, `action "trackEvent"`, `channel "sms" message "text"`. */
  readonly handler: string
  /** `the bot`, `plugin "analytics" (alias "stats")`. */
  readonly owner: string
  readonly error: { readonly name: string; readonly message: string; readonly code?: string; readonly stack?: string }
}

/** Stores the failure as an error log record linked to what was being handled, and returns it. */
export function recordFailure(engine: Engine, unit: Unit, ctx: Context, handler: string, error: unknown, turnId?: string): HandlerFailure {
  const failure: HandlerFailure = { handler, owner: unit.scope.owner, error: describeError(error) }
  engine.logs.write({
    level: 'error', audience: 'bot', source: unit.source,
    message: `${handler} of ${failure.owner} failed: ${failure.error.message}`,
    data: { failure }, conversationId: ctx.conversationId, userId: ctx.userId, messageId: ctx.messageId, eventId: ctx.eventId, turnId,
  })
  return failure
}

/** A write the turn could not store (a conditional state write another writer beat), recorded like a handler's failure. */
export function recordStorageFailure(engine: Engine, ctx: Partial<Context>, error: unknown): HandlerFailure {
  const failure: HandlerFailure = { handler: 'storing the turn', owner: 'the runtime', error: describeError(error) }
  engine.logs.write({
    level: 'error', audience: 'bot', source: 'runtime', message: `storing the turn left a write out: ${failure.error.message}`,
    data: { failure }, conversationId: ctx.conversationId, userId: ctx.userId, messageId: ctx.messageId, eventId: ctx.eventId,
  })
  return failure
}

function describeError(error: unknown): HandlerFailure['error'] {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) }
  const code = error instanceof ParleyError ? { code: error.code } : {}
  return { name: error.name, message: error.message, ...code, ...(error.stack ? { stack: error.stack } : {}) }
}
