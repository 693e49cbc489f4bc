import type { CommonHandlerProps } from '../implementation/props.js'
import type { LooseTypes } from '../implementation/types.js'
import { eventBus, type ListenerRegistry } from './event-bus.js'
import type { PluginContext, PluginLogLevel } from './types.js'

const LEVELS: readonly PluginLogLevel[] = ['debug', 'info', 'warn', 'error']

/** The seed's `context`, made of the props every Parley handler receives. */
export function pluginContext(props: CommonHandlerProps<LooseTypes>, registry: ListenerRegistry): PluginContext {
  const { ctx } = props
  return {
    appId: ctx.botId,
    botId: ctx.botId,
    pluginId: ctx.alias,
    ...(ctx.userId ? { userId: ctx.userId } : {}),
    ...(ctx.conversationId ? { conversationId: ctx.conversationId } : {}),
    api: {
      db: props.kv,
      events: eventBus(props, registry),
      log: (message, level = 'info') => props.logger[LEVELS.includes(level) ? level : 'info'](message),
      client: props.client,
      config: props.configuration as Readonly<Record<string, unknown>>,
    },
  }
}
