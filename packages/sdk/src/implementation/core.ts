import type { ActionHandlers, CommonHandlerProps } from './props.js'
import { createRegistry, type HandlerTable, type Registrar } from './registry.js'
import type { ImplementationTypes } from './types.js'

/** Runs once when the runtime starts the bot, before any message is handled. */
export type RegisterHandler<T extends ImplementationTypes> = (props: CommonHandlerProps<T>) => Promise<void> | void

/** What bots and plugins share: action handlers, the handler table, its registrar, and `register`. */
export interface ImplementationCore<T extends ImplementationTypes> {
  readonly actions: ActionHandlers<T>
  readonly handlers: HandlerTable
  readonly on: Registrar<T>
  readonly register: RegisterHandler<T> | undefined
}

export function createCore<T extends ImplementationTypes>(actions: ActionHandlers<T> | undefined, register: RegisterHandler<T> | undefined): ImplementationCore<T> {
  const { table, on } = createRegistry<T>()
  return { actions: actions ?? ({} as ActionHandlers<T>), handlers: table, on, register }
}
