import { BotDefinition, BotImplementation, Cognitive, isHttpError, PluginDefinition, PluginImplementation, version, z } from '@parley/sdk'
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

/** A plugin with no `llm` dependency, as Botpress's own plugins reach the hosted service through their client. */
const summarizer = new PluginDefinition({
  name: 'summarizer',
  version: '1.0.0',
  actions: {
    summarize: {
      input: { schema: z.object({ text: z.string(), model: z.string() }) },
      output: { schema: z.object({ summary: z.string() }) },
    },
  },
})

const summarizing = new PluginImplementation({
  actions: {
    summarize: async ({ input, client }) => {
      const request = { model: input.model, systemPrompt: 'Summarize.', messages: [] as { role: 'user'; content: string }[] }
      request.messages.push({ role: 'user', content: input.text })
      const { output } = await new Cognitive({ client }).generateText(request)
      return { summary: output }
    },
  },
})

describe('the cognitive helper through a client', () => {
  it("answers text from the bot's llm integration for the models fast and best, with no model id sent", async () => {
    const model = scriptedLlm({ reply: ({ messages }) => `Short: ${messages.at(-1)?.content}` })
    const definition = new BotDefinition({}).addIntegration(model.definition, { alias: 'brain' }).addPlugin({ definition: summarizer, implementation: summarizing }, {})
    const test = await createTestBot({ definition, implementation: new BotImplementation({ actions: {} }), integrations: { brain: model.implementation } })
    try {
      expect(await test.callAction('summarizer:summarize', { text: 'a long story', model: 'fast' })).toEqual({ summary: 'Short: a long story' })
      expect(await test.callAction('summarizer:summarize', { text: 'another', model: 'best' })).toEqual({ summary: 'Short: another' })
      expect(model.calls.map((call) => call.model)).toEqual([undefined, undefined])
      expect(model.calls[0]).toMatchObject({ systemPrompt: 'Summarize.', messages: [{ role: 'user', content: 'a long story' }] })
    } finally {
      await test.stop()
    }
  })

  it('fails naming the action when the bot has no llm integration', async () => {
    const definition = new BotDefinition({}).addPlugin({ definition: summarizer, implementation: summarizing }, {})
    const test = await createTestBot({ definition, implementation: new BotImplementation({ actions: {} }) })
    try {
      await expect(test.callAction('summarizer:summarize', { text: 'x', model: 'fast' })).rejects.toThrow('cognitive:generateContent')
    } finally {
      await test.stop()
    }
  })
})

describe('isHttpError', () => {
  it('tells an error a server answered with a status from any other', () => {
    const answered = Object.assign(new Error('Too Many Requests'), { response: { status: 429 } })
    expect([isHttpError(answered), isHttpError(new Error('boom')), isHttpError({ response: { status: 500 } }), isHttpError(Object.assign(new Error('x'), { response: { status: '500' } }))]).toEqual([true, false, false, false])
  })
})
