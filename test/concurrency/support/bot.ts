import { BotDefinition, BotImplementation, z } from '@parley/sdk'
import moderation from '@parley/plugin-moderation'

/**
 * The bot two processes run in the concurrency tests: the moderation plugin in front; a text handler that
 * reads a conversation's counter and writes it back one more (the plain read-then-write that is only safe
 * when a conversation's messages are handled one at a time), logs the text and replies with the count; an
 * action that bumps a shared tally with `update`. A message `hang` writes, replies, then never returns.
 */
export function concurrencyBot() {
  const definition = new BotDefinition({
    states: {
      counter: { type: 'conversation', schema: z.object({ n: z.number().int(), texts: z.array(z.string()) }) },
      tally: { type: 'bot', schema: z.object({ n: z.number().int() }) },
    },
    actions: { bump: { input: { schema: z.object({}) }, output: { schema: z.object({ n: z.number() }) } } },
  })
  definition.addPlugin(moderation, { configuration: { blockedWords: ['spam'] } })
  const implementation = new BotImplementation({
    actions: {
      bump: async ({ states, ctx }) => {
        const { state } = await states.tally.update({ id: ctx.botId, default: { n: 0 }, update: (tally: { n: number }) => ({ n: tally.n + 1 }) })
        return { n: state.payload.n }
      },
    },
  })
  implementation.on.message('text', async ({ message, states, client, ctx }) => {
    const text = (message.payload as { text: string }).text
    const { state } = await states.counter.getOrSet({ id: ctx.conversationId, payload: { n: 0, texts: [] } })
    const n = state.payload.n + 1
    await states.counter.set({ id: ctx.conversationId, payload: { n, texts: [...state.payload.texts, text] } })
    await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: `#${n} ${text}` } })
    if (text !== 'hang') return
    process.send?.({ hanging: ctx.conversationId }) // tells a test driving this process over IPC
    await new Promise(() => {})
  })
  return { definition, implementation }
}
