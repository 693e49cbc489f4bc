import { PluginImplementation } from '@parley/sdk'
import definition from '../plugin.definition.js'

/** The first blocked word the text contains, ignoring case. */
function blockedWordIn(text: string, blockedWords: readonly string[]): string | undefined {
  const lower = text.toLowerCase()
  return blockedWords.find((word) => lower.includes(word.toLowerCase()))
}

export default new PluginImplementation({
  definition,
  actions: {
    strikes: async ({ input, states }) => {
      const { state } = await states.strikes.getOrSet({ id: input.userId, payload: { count: 0, lastWord: '' } })
      return { count: state.payload.count }
    },
  },
  on: (plugin) => {
    // Runs before any handler: a blocked message is tagged, answered and stopped here.
    plugin.beforeIncomingMessage('text', async ({ data, configuration, states, client }) => {
      const word = blockedWordIn(data.payload.text, configuration.blockedWords)
      if (!word) {
        data.tags.moderation = 'clean'
        return
      }
      // An update, not a read then a write: the same user may be warned in several conversations at once.
      await states.strikes.update({ id: data.userId, default: { count: 0, lastWord: '' }, update: (strikes: { count: number }) => ({ count: strikes.count + 1, lastWord: word }) })
      await client.createMessage({ conversationId: data.conversationId, userId: data.userId, type: 'text', payload: { text: configuration.warning } })
      return { data: { ...data, tags: { ...data.tags, moderation: 'blocked' } }, stop: true }
    })
    plugin.beforeOutgoingMessage('text', async ({ data, configuration }) => {
      if (!configuration.signature) return
      return { data: { ...data, payload: { text: `${data.payload.text}\n${configuration.signature}` } } }
    })
  },
})
