import { BotDefinition, BotImplementation, PluginDefinition, PluginImplementation, z } from '@parley/sdk'
import llmInterface from '@parley/interfaces/llm'
import { describe, expect, it } from 'vitest'
import { createTestBot, scriptedLlm } from '../src/testing/index.js'

const summarizer = new PluginDefinition({
  name: 'summarizer', version: '1.0.0',
  interfaces: { llm: llmInterface },
  actions: { summarize: { input: { schema: z.object({ text: z.string() }) }, output: { schema: z.object({ summary: z.string() }) } } },
})
const summarizerImplementation = new PluginImplementation({
  actions: {
    summarize: async ({ input, interfaces }) => {
      const { content } = await interfaces.llm.generateContent({ systemPrompt: 'Summarize.', messages: [{ role: 'user', content: input.text }] })
      return { summary: content }
    },
  },
})

function composed(llm: ReturnType<typeof scriptedLlm>) {
  const definition = new BotDefinition({})
  definition.addIntegration(llm, { alias: 'model' })
  definition.addPlugin({ definition: summarizer, implementation: summarizerImplementation }, { dependencies: { llm: { integrationAlias: 'model' } } })
  const implementation = new BotImplementation({ actions: {} })
  implementation.on.message('text', async ({ message, client, ctx }) => {
    const { content } = await client.callAction({ type: 'model:generateContent', input: { messages: [{ role: 'user', content: message.payload.text }] } })
    await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: content } })
  })
  return { definition, implementation }
}

describe('the scripted LLM', () => {
  it('answers from its script in order, then from more pushed, and records every call', async () => {
    const llm = scriptedLlm({ replies: ['Hi!', { content: 'Short.', stopReason: 'max_tokens' }] })
    const bot = await createTestBot(composed(llm))
    const conversation = await bot.conversation()
    expect((await conversation.send('hello')).texts).toEqual(['Hi!'])
    expect(await bot.callAction('summarizer:summarize', { text: 'a long text' })).toEqual({ summary: 'Short.' })
    llm.push('Pushed.')
    expect((await conversation.send('again')).texts).toEqual(['Pushed.'])
    expect(llm.calls.map((call) => [call.systemPrompt, call.messages.at(-1)?.content])).toEqual([[undefined, 'hello'], ['Summarize.', 'a long text'], [undefined, 'again']])
    await bot.stop()
  })

  it('answers with a function, and says so when it runs out of answers', async () => {
    const bot = await createTestBot(composed(scriptedLlm({ reply: ({ messages }) => String(messages.at(-1)!.content).toUpperCase() })))
    expect((await bot.send('shout')).texts).toEqual(['SHOUT'])
    await bot.stop()
    const silent = await createTestBot(composed(scriptedLlm()))
    const exchange = await silent.send('anyone?')
    expect(exchange.failures[0]?.error.message).toBe('the scripted LLM has no answer left for "anyone?"; give more with replies, push(…) or reply')
    expect(await silent.callAction('model:listLanguageModels', {})).toMatchObject({ models: [{ id: 'scripted', name: 'scripted', input: { costPer1MTokens: 0 } }] })
    await silent.stop()
  })
})
