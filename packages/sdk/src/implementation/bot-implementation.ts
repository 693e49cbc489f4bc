import { createCore, type RegisterHandler } from './core.js'
import type { ActionHandlers } from './props.js'
import type { HandlerTable, Registrar } from './registry.js'
import type { AnyPluginImplementation } from './plugin-implementation.js'
import type { ImplementationTypes, LooseTypes } from './types.js'

export interface BotImplementationProps<T extends ImplementationTypes> {
  readonly actions: ActionHandlers<T>
  /** Implementations of added plugins, by alias, for plugins added as bare definitions. */
  readonly plugins?: Readonly<Record<string, AnyPluginImplementation>>
  readonly register?: RegisterHandler<T>
}

/**
 * What a bot does: its action handlers and the handlers and hooks it registers on `on`.
 *
 * @example
 * const bot = new BotImplementation({ actions: {} })
 * bot.on.message('text', async ({ message, client }) => { … })
 */
export class BotImplementation<T extends ImplementationTypes = LooseTypes> {
  readonly kind = 'botImplementation' as const
  readonly actions: ActionHandlers<T>
  readonly plugins: Readonly<Record<string, AnyPluginImplementation>>
  readonly on: Registrar<T>
  readonly handlers: HandlerTable
  readonly register: RegisterHandler<T> | undefined

  constructor(props: BotImplementationProps<T>) {
    const core = createCore(props.actions, props.register)
    this.actions = core.actions
    this.on = core.on
    this.handlers = core.handlers
    this.register = core.register
    this.plugins = props.plugins ?? {}
  }
}

/** @see BotImplementation */
export const Bot = BotImplementation
export type Bot<T extends ImplementationTypes = LooseTypes> = BotImplementation<T>
