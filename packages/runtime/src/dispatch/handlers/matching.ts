import type { HandlerKind, HookKind } from '@parley/sdk'
import type { BoundRegistration, CodeUnit } from '../../engine/units.js'

/** The unit's handlers of one kind for the bot's name `name`, in registration order. */
export function matching(unit: CodeUnit, kind: HandlerKind | HookKind, name: string): readonly BoundRegistration[] {
  return unit.handlers[kind].filter((registration) => registration.match === '*' || registration.match === name)
}

/** `on.message('*')`: how errors name a handler. */
export function describeHandler(kind: HandlerKind | HookKind, registration: BoundRegistration): string {
  return `on.${kind}('${registration.selector}')`
}
