import * as bp from '../.parley'
import definition from '../plugin.definition'

const NO_MESSAGES = { messages: 0 }

/** How many messages a conversation has had. Inside the plugin, names are its own: `counter`, not `alias:counter`. */
export const countMessages: bp.ActionHandler<'countMessages'> = async ({ input, states }) => {
  const { state } = await states.counter.getOrSet({ id: input.conversationId, payload: NO_MESSAGES })
  return { messages: state.payload.messages }
}

/** Counts every incoming message, and emits `milestoneReached` every `milestone` messages. */
export async function countMessage({ message, configuration, states, events }: bp.MessageHandlerProps): Promise<void> {
  if (!configuration.enabled) return
  const { state } = await states.counter.getOrSet({ id: message.conversationId, payload: NO_MESSAGES })
  const messages = state.payload.messages + 1
  await states.counter.set({ id: message.conversationId, payload: { messages } })
  if (messages % configuration.milestone === 0) {
    await events.milestoneReached.emit({ conversationId: message.conversationId, messages })
  }
}

export default new bp.Plugin({
  definition,
  actions: { countMessages },
  on: (plugin) => {
    plugin.message('*', countMessage)
  },
})
