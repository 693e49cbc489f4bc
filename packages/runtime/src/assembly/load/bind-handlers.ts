import { HANDLER_KINDS, HOOK_KINDS, ParleyError, type HandlerKind, type HandlerTable, type HookKind } from '@parley/sdk'
import type { NameScope } from '../../engine/scope/name-scope.js'
import { RuntimeError } from '../../engine/errors.js'
import type { BoundHandlers, BoundRegistration } from '../../engine/units.js'

type Kind = HandlerKind | HookKind

/** What each kind's selector names: a message type passes as it is; the others are resolved in the scope. */
const SELECTS: Readonly<Record<Kind, 'message' | 'event' | 'state' | 'workflow' | 'action'>> = {
  message: 'message', beforeIncomingMessage: 'message', afterIncomingMessage: 'message', beforeOutgoingMessage: 'message', afterOutgoingMessage: 'message',
  event: 'event', beforeIncomingEvent: 'event', afterIncomingEvent: 'event',
  stateExpired: 'state',
  workflowStart: 'workflow', workflowContinue: 'workflow', workflowTimeout: 'workflow',
  beforeOutgoingCallAction: 'action', afterOutgoingCallAction: 'action', beforeIncomingCallAction: 'action', afterIncomingCallAction: 'action',
}

/**
 * Resolves every selector once, at load: dispatch then compares the bot's names, so a plugin's handler
 * for its own `foo` never fires for the bot's `foo`, and a selector naming nothing fails at startup.
 */
export function bindHandlers(table: HandlerTable, scope: NameScope): BoundHandlers {
  const kinds = [...HANDLER_KINDS, ...HOOK_KINDS] as readonly Kind[]
  return Object.fromEntries(kinds.map((kind) => [kind, table[kind].map((r) => bind(kind, r.selector, r.handler, scope))])) as unknown as BoundHandlers
}

function bind(kind: Kind, selector: string, handler: BoundRegistration['handler'], scope: NameScope): BoundRegistration {
  return { match: selector === '*' ? '*' : resolve(kind, selector, scope), selector, handler }
}

function resolve(kind: Kind, selector: string, scope: NameScope): string {
  const selects = SELECTS[kind]
  try {
    if (selects === 'message') return selector
    if (selects === 'workflow') return scope.workflow(selector)
    return scope.resolve(selects, selector)
  } catch (error) {
    if (!(error instanceof ParleyError)) throw error
    throw new RuntimeError(error.code as RuntimeError['code'], `on.${kind}('${selector}'): ${error.message}`)
  }
}
