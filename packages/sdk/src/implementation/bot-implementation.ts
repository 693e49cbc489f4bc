import { HandlerHost, type RegisterHandler } from './core.js'
import type { ActionHandlers } from './props.js'
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
export class BotImplementation<T extends ImplementationTypes = LooseTypes> extends HandlerHost<T> {
  readonly kind = 'botImplementation' as const
  readonly plugins: Readonly<Record<string, AnyPluginImplementation>>

  constructor(props: BotImplementationProps<T>) {
    super(props.actions, props.register)
    this.plugins = props.plugins ?? {}
  }
}

/** @see BotImplementation */
export const Bot = BotImplementation
export type Bot<T extends ImplementationTypes = LooseTypes> = BotImplementation<T>
