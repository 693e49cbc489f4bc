import type { HandlerKind, HookKind } from '@parley/sdk'
import type { BoundRegistration } from '../../engine/units.js'

/** Whether a handler registered for a name, or for `*`, handles `name` (a message type, event type, action…). */
export function matches(registration: BoundRegistration, name: string): boolean {
  return registration.match === '*' || registration.match === name
}

/** `on.message('*')`: how errors name a handler. */
export function describeHandler(kind: HandlerKind | HookKind, registration: BoundRegistration): string {
  return `on.${kind}('${registration.selector}')`
}
