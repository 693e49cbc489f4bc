import type { ActionHandlers, CommonHandlerProps } from './props.js'
import { createRegistry, type HandlerTable, type Registrar } from './registry.js'
import type { ImplementationTypes } from './types.js'

/** Runs once when the runtime starts the bot, before any message is handled. */
export type RegisterHandler<T extends ImplementationTypes> = (props: CommonHandlerProps<T>) => Promise<void> | void

/**
 * What bots and plugins share: action handlers, the handler table, the registrar that fills it, and
 * `register`. Both public classes extend it, so registration is written once.
 */
export abstract class HandlerHost<T extends ImplementationTypes> {
  readonly actions: ActionHandlers<T>
  readonly handlers: HandlerTable
  /** `on.message('text', h)`, `on.beforeIncomingMessage('*', h)`, … */
  readonly on: Registrar<T>
  readonly register: RegisterHandler<T> | undefined

  constructor(actions: ActionHandlers<T> | undefined, register: RegisterHandler<T> | undefined) {
    const { table, on } = createRegistry<T>()
    this.actions = actions ?? ({} as ActionHandlers<T>)
    this.handlers = table
    this.on = on
    this.register = register
  }
}
