import type { AnyPluginDefinition } from '../composition/instances.js'
import { HandlerHost, type RegisterHandler } from './core.js'
import type { Hook } from './hooks.js'
import type { PluginPage, PluginRoute } from './plugin-routes.js'
import type { ActionHandlers, EventHandlerProps, Handler, MessageHandlerProps } from './props.js'
import type { Registrar } from './registry.js'
import type { ImplementationTypes, LooseTypes } from './types.js'

export interface PluginImplementationProps<T extends ImplementationTypes> {
  /** The plugin's definition, so the runtime can check the two belong together. */
  readonly definition?: AnyPluginDefinition
  readonly actions: ActionHandlers<T>
  /** Registers handlers and hooks: `plugin.message('*', h)`, `plugin.beforeIncomingMessage('*', h)`, … */
  readonly on?: (plugin: Registrar<T>) => void
  /** Shorthand for `on.message('*', h)`. */
  readonly messageHandler?: Handler<MessageHandlerProps<T>>
  /** Shorthand for `on.event('*', h)`. */
  readonly eventHandler?: Handler<EventHandlerProps<T>>
  /** Shorthand for `on.beforeIncomingMessage('*', h)`. */
  readonly beforeMessageHandler?: Hook<T, 'beforeIncomingMessage'>
  /** Shorthand for `on.afterIncomingMessage('*', h)`. */
  readonly afterMessageHandler?: Hook<T, 'afterIncomingMessage'>
  readonly register?: RegisterHandler<T>
  /** Runs when the runtime stops the bot (a reload, a removal, a shutdown). */
  readonly unregister?: RegisterHandler<T>
  /** HTTP routes served under the plugin's address, `/api/plugins/<alias>/…`. */
  readonly routes?: readonly PluginRoute[]
  /** Pages the plugin adds to the dashboard. */
  readonly pages?: readonly PluginPage[]
}

/**
 * What a plugin does. Inside it, every name is the plugin's own; the runtime adds the alias the bot
 * gave it. Its handlers run before the bot's.
 *
 * @example
 * export default new PluginImplementation({
 *   actions: { track: async ({ input }) => ({}) },
 *   on: (plugin) => { plugin.message('*', async ({ message, logger }) => logger.info(message.type)) },
 * })
 */
export class PluginImplementation<T extends ImplementationTypes = LooseTypes> extends HandlerHost<T> {
  readonly kind = 'pluginImplementation' as const
  readonly definition: AnyPluginDefinition | undefined
  readonly unregister: RegisterHandler<T> | undefined
  readonly routes: readonly PluginRoute[]
  readonly pages: readonly PluginPage[]

  constructor(props: PluginImplementationProps<T>) {
    super(props.actions, props.register)
    this.definition = props.definition
    this.unregister = props.unregister
    this.routes = props.routes ?? []
    this.pages = props.pages ?? []
    registerShorthands(this.on, props)
    props.on?.(this.on)
  }
}

/** The seeds' handler properties are the same registrations as `on.…('*', h)`. */
function registerShorthands<T extends ImplementationTypes>(on: Registrar<T>, props: PluginImplementationProps<T>): void {
  if (props.messageHandler) on.message('*', props.messageHandler)
  if (props.eventHandler) on.event('*', props.eventHandler)
  if (props.beforeMessageHandler) on.beforeIncomingMessage('*', props.beforeMessageHandler)
  if (props.afterMessageHandler) on.afterIncomingMessage('*', props.afterMessageHandler)
}

// any: a bot holds implementations of plugins of every type shape side by side
export type AnyPluginImplementation = PluginImplementation<any>

/** @see PluginImplementation */
export const Plugin = PluginImplementation
export type Plugin<T extends ImplementationTypes = LooseTypes> = PluginImplementation<T>
