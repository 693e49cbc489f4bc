import { BotDefinition, BotImplementation, PluginDefinition, PluginImplementation, z, type Client } from '@parley/sdk'
import llm from '@parley/interfaces/llm'
import { createTestBot } from '@parley/runtime/testing'
import { describe, expect, it } from 'vitest'
import openai from '../index.js'
import { completion, openAiError, useFakeChatServer, type Reply } from './fake-chat-server.js'

const server = useFakeChatServer()

const FALLBACK = 'Sorry, I cannot think right now. Please try again in a moment.'

/** A bot that answers each text with the model's answer, and with a fallback when the model fails. */
function assistantBot(configuration: object = {}) {
  const definition = new BotDefinition({})
  definition.addIntegration(openai, { alias: 'llm', configuration: { baseUrl: server.baseUrl, defaultModel: 'gpt-4o-mini', ...configuration } })
  const implementation = new BotImplementation({ actions: {} })
  implementation.on.message('text', async ({ message, client, ctx }) => {
    const text = await answer(client, message.payload.text).catch(() => FALLBACK)
    await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text } })
  })
  return { definition, implementation, secrets: { llm: { OPENAI_API_KEY: 'sk-bot-key' } } }
}

async function answer(client: Client, text: string): Promise<string> {
  const output = await client.callAction({ type: 'llm:generateContent', input: { systemPrompt: 'You are terse.', messages: [{ role: 'user', content: text }] } })
  return output.content
}

describe('a bot using the openai integration', () => {
  it('answers with the model\'s text, sending the key from its secrets', async () => {
    server.reply({ json: completion({ content: 'Paris is the capital of France.' }) })
    const bot = await createTestBot(assistantBot())
    const { texts } = await bot.send('What is the capital of France?')
    expect(texts).toEqual(['Paris is the capital of France.'])
    expect(server.requests[0]!.headers['authorization']).toBe('Bearer sk-bot-key')
    expect(server.requests[0]!.body.messages).toEqual([{ role: 'system', content: 'You are terse.' }, { role: 'user', content: 'What is the capital of France?' }])
    await bot.stop()
  })

  const failures: [string, Reply, object, RegExp][] = [
    ['answers 500', { status: 500, json: openAiError('The server had an error while processing your request.', 'server_error') }, {}, /UPSTREAM_FAILED 500\].*answered 500 Internal Server Error/],
    ['answers garbage', { raw: '<html>Gateway</html>' }, {}, /UPSTREAM_BAD_RESPONSE 200\].*answered 200 with a body that is not JSON/],
    // Long enough for the answer that follows to arrive on a busy machine.
    ['hangs', { hang: true }, { timeoutMs: 2_000 }, /UPSTREAM_TIMEOUT\].*did not answer within 2000 ms/],
  ]
  it.each(failures)('answers with a fallback when the server %s, logs the failure, and keeps running', async (_, reply, configuration, logged) => {
    server.reply(reply)
    const bot = await createTestBot(assistantBot({ maxRetries: 0, ...configuration }))
    const conversation = await bot.conversation()
    expect((await conversation.send('Hello?')).texts).toEqual([FALLBACK])
    const errors = (await bot.logs()).filter((record) => record.level === 'error' && record.source === 'llm')
    expect(errors.map((record) => record.message)).toEqual([expect.stringMatching(logged)])
    expect(errors[0]).toMatchObject({ audience: 'bot', conversationId: conversation.id })
    expect((await conversation.send('And now?')).texts).toEqual(['echo: And now?'])
    await bot.stop()
  })

  it('backs a plugin that depends on the llm interface', async () => {
    const summarizer = new PluginDefinition({
      name: 'summarizer',
      version: '1.0.0',
      interfaces: { llm },
      actions: {
        summarize: {
          input: { schema: ({ entities }) => z.object({ text: z.string(), model: entities.llm.modelRef.optional() }) },
          output: { schema: z.object({ summary: z.string() }) },
        },
      },
    })
    const implementation = new PluginImplementation({
      definition: summarizer,
      actions: {
        summarize: async ({ input, interfaces }) => {
          const { content } = await interfaces.llm.generateContent({ ...(input.model ? { model: input.model } : {}), messages: [{ role: 'user', content: `Summarize: ${input.text}` }] })
          return { summary: content }
        },
      },
    })
    server.reply({ json: completion({ content: 'A short summary.' }) })
    const definition = new BotDefinition({})
    definition.addIntegration(openai, { alias: 'openai', configuration: { baseUrl: server.baseUrl } })
    definition.addPlugin({ definition: summarizer, implementation }, { alias: 'summary', configuration: {}, dependencies: { llm: { integrationAlias: 'openai', integrationInterfaceAlias: 'llm' } } })
    const bot = await createTestBot({ definition, implementation: new BotImplementation({ actions: {} }) })
    expect(await bot.callAction('summary:summarize', { text: 'A long text.', model: { id: 'llama3.2' } })).toEqual({ summary: 'A short summary.' })
    expect(server.requests[0]!.body).toMatchObject({ model: 'llama3.2', messages: [{ role: 'user', content: 'Summarize: A long text.' }] })
    expect(await bot.callAction('openai:listLanguageModels', {})).toEqual({ models: [expect.objectContaining({ id: 'gpt-4o-mini', description: 'served by system' })] })
    await bot.stop()
  })

  it('refuses input that breaks the llm schema before calling the server, naming the field', async () => {
    const bot = await createTestBot(assistantBot())
    await expect(bot.callAction('llm:generateContent', { messages: [{ role: 'user', content: 'x' }], temperature: 7 })).rejects.toMatchObject({
      code: 'PAYLOAD_INVALID', message: expect.stringContaining('action "llm:generateContent" input.temperature'),
    })
    expect(server.requests).toHaveLength(0)
    await bot.stop()
  })
})
