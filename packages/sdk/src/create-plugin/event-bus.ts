import type { CommonHandlerProps } from '../implementation/props.js'
import type { LooseTypes } from '../implementation/types.js'
import type { BusListener, PluginEventBus } from './types.js'

/** The event every such plugin declares; its payload names the bus event and carries its data. */
export const BUS_EVENT = 'pluginEvent'

type Listeners = Map<string, Set<BusListener>>

/**
 * Listeners of one plugin, per bot: the same plugin object may run in several bots (and in tests, in
 * several runtimes one after the other), each registering from its own `onActivate`.
 */
export function listenerRegistry() {
  const byBot = new Map<string, Listeners>()
  const of = (botId: string): Listeners => byBot.get(botId) ?? byBot.set(botId, new Map()).get(botId)!
  return {
    of,
    clear: (botId: string) => void byBot.delete(botId),
  }
}

export type ListenerRegistry = ReturnType<typeof listenerRegistry>

/** `emit` stores a Parley event (delivered by the job queue, once, in any process); `on`/`off` keep listeners. */
export function eventBus(props: CommonHandlerProps<LooseTypes>, registry: ListenerRegistry): PluginEventBus {
  const listeners = registry.of(props.ctx.botId)
  return {
    emit: async (name, data) => {
      await props.client.createEvent({ type: BUS_EVENT, payload: { name, data: data ?? null } })
    },
    on: (name, listener) => void (listeners.get(name) ?? listeners.set(name, new Set()).get(name)!).add(listener),
    off: (name, listener) => void (listener ? listeners.get(name)?.delete(listener) : listeners.delete(name)),
  }
}

/** Runs the listeners of a bus event, whichever plugin emitted it. */
export async function deliverBusEvent(registry: ListenerRegistry, botId: string, payload: { readonly name: string; readonly data: unknown }): Promise<void> {
  for (const listener of registry.of(botId).get(payload.name) ?? []) await listener(payload.data)
}
