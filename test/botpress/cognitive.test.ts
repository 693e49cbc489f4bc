import { BotDefinition, BotImplementation, Cognitive, PluginDefinition, PluginImplementation, version, z } from '@parley/sdk'
import llm from '@parley/interfaces/llm'
import { createTestBot, scriptedLlm } from '@parley/runtime/testing'
import { describe, expect, it } from 'vitest'

/** A plugin that answers with Botpress's hosted-client call shape, served by the bot's `llm` integration. */
const answerer = new PluginDefinition({
  name: 'answerer',
  version: '1.0.0',
  interfaces: { llm: version.allWithinMajorOf(llm) },
  actions: {
    answer: {
      input: { schema: z.object({ question: z.string(), model: z.string().optional() }) },
      output: { schema: z.object({ answer: z.string(), tokens: z.number(), model: z.string() }) },
    },
  },
})

const implementation = new PluginImplementation({
  actions: {
    answer: async ({ input, interfaces, client }) => {
      const cognitive = new Cognitive({ llm: interfaces.llm, client })
      const { output, meta } = await cognitive.generateContent({
        model: input.model,
        systemPrompt: 'Answer briefly.',
        responseFormat: 'text',
        messages: [{ role: 'user', content: input.question }],
      })
      return { answer: output.choices[0]?.content as string, tokens: meta.tokens.output, model: meta.model.model }
    },
  },
})

function bot(models?: readonly string[]) {
  const model = scriptedLlm({ reply: ({ messages }) => `You asked: ${messages.at(-1)?.content}`, models })
  const definition = new BotDefinition({})
    .addIntegration(model.definition, { alias: 'brain' })
    .addPlugin({ definition: answerer, implementation }, { dependencies: { llm: { integrationAlias: 'brain' } } })
  return { model, definition }
}

describe('the cognitive helper', () => {
  it('sends the request to the integration that backs the plugin\'s llm interface, and reports usage', async () => {
    const { model, definition } = bot()
    const test = await createTestBot({ definition, implementation: new BotImplementation({ actions: {} }), integrations: { brain: model.implementation } })
    try {
      expect(await test.callAction('answerer:answer', { question: 'Why?' })).toEqual({ answer: 'You asked: Why?', tokens: 3, model: 'scripted' })
      expect(model.calls).toMatchObject([{ systemPrompt: 'Answer briefly.', responseFormat: 'text', messages: [{ role: 'user', content: 'Why?' }] }])
    } finally {
      await test.stop()
    }
  })

  it('picks the integration by the bot\'s alias when the model is named alias:model', async () => {
    const { model, definition } = bot(['small', 'large'])
    const test = await createTestBot({ definition, implementation: new BotImplementation({ actions: {} }), integrations: { brain: model.implementation } })
    try {
      expect(await test.callAction('answerer:answer', { question: 'Hi', model: 'large' })).toMatchObject({ model: 'large' })
      expect(model.calls.at(-1)?.model).toEqual({ id: 'large' })
    } finally {
      await test.stop()
    }
  })
})
