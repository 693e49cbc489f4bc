import { describe, expect, it } from 'vitest'
import { createOpenAiClient, OpenAiError } from '../index.js'
import { completion, useFakeChatServer } from './fake-chat-server.js'

const server = useFakeChatServer()

const client = (configuration: object = {}, apiKey = 'sk-test-key') => createOpenAiClient({ configuration: { baseUrl: server.baseUrl, ...configuration }, apiKey })

describe('generateContent against a chat-completions server', () => {
  it('sends the system prompt, messages and settings in the wire format, and returns the answer in the llm shape', async () => {
    server.reply({ json: completion({ content: 'Bonjour !', usage: { prompt: 21, completion: 4 } }) })
    const output = await client({ defaultModel: 'gpt-4o-mini' }).generateContent({
      systemPrompt: 'Answer in French.',
      messages: [{ role: 'user', content: 'Hello' }, { role: 'assistant', content: 'Salut' }, { role: 'user', content: 'How are you?' }],
      temperature: 0.2, topP: 0.9, maxTokens: 64, stopSequences: ['\n\n'], responseFormat: 'json_object', userId: 'user_1',
    })
    const [request] = server.requests
    expect(request).toMatchObject({ method: 'POST', url: '/v1/chat/completions' })
    expect(request!.headers['authorization']).toBe('Bearer sk-test-key')
    expect(request!.headers['content-type']).toMatch(/^application\/json/)
    expect(request!.body).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Answer in French.' },
        { role: 'user', content: 'Hello' },
        { role: 'assistant', content: 'Salut' },
        { role: 'user', content: 'How are you?' },
      ],
      temperature: 0.2, top_p: 0.9, max_tokens: 64, stop: ['\n\n'], response_format: { type: 'json_object' }, user: 'user_1', stream: false,
    })
    expect(output).toEqual({
      id: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG',
      provider: '127.0.0.1:' + new URL(server.baseUrl).port,
      model: 'gpt-4o-mini-2024-07-18',
      choices: [{ role: 'assistant', type: 'text', content: 'Bonjour !', index: 0, stopReason: 'stop' }],
      usage: { inputTokens: 21, inputCost: 0, outputTokens: 4, outputCost: 0 },
      botpress: { cost: 0 },
      content: 'Bonjour !',
    })
  })

  it('leaves out what the call does not set, so the server\'s defaults apply, and uses the model asked for', async () => {
    await client().generateContent({ model: { id: 'llama3.2' }, messages: [{ role: 'user', content: 'Hi' }] })
    expect(server.requests[0]!.body).toEqual({ model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }], stream: false })
  })

  it('sends no Authorization header without a key, as local servers expect', async () => {
    await client({}, '').generateContent({ messages: [{ role: 'user', content: 'Hi' }] })
    expect(server.requests[0]!.headers['authorization']).toBeUndefined()
    expect(server.requests[0]!.body.model).toBe('gpt-4o-mini')
  })

  it('sends multi-part messages as content parts, with images as image_url', async () => {
    await client().generateContent({
      messages: [{ role: 'user', type: 'multipart', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', url: 'https://example.com/cat.png', mimeType: 'image/png' }] }],
    })
    expect(server.requests[0]!.body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] },
    ])
  })

  it('offers tools, and returns the calls the model makes with their arguments parsed (null when not a JSON object)', async () => {
    server.reply({ json: completion({ content: null, toolCalls: [{ id: 'call_1', name: 'getWeather', arguments: '{"city":"Paris"}' }, { id: 'call_2', name: 'getTime', arguments: '{"tz": "Europe/Par' }] }) })
    const output = await client().generateContent({
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [{ type: 'function', function: { name: 'getWeather', description: 'Current weather', argumentsSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }, { type: 'function', function: { name: 'getTime' } }],
      toolChoice: { type: 'any' },
    })
    expect(server.requests[0]!.body).toMatchObject({
      tools: [
        { type: 'function', function: { name: 'getWeather', description: 'Current weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
        { type: 'function', function: { name: 'getTime', parameters: { type: 'object', properties: {} } } },
      ],
      tool_choice: 'required',
    })
    expect(output.choices).toEqual([{
      role: 'assistant', type: 'tool_calls', content: null, index: 0, stopReason: 'tool_calls',
      toolCalls: [
        { id: 'call_1', type: 'function', function: { name: 'getWeather', arguments: { city: 'Paris' } } },
        { id: 'call_2', type: 'function', function: { name: 'getTime', arguments: null } },
      ],
    }])
    expect(output.content).toBe('')
  })

  it('sends earlier tool calls and their results back as the assistant\'s calls and tool messages', async () => {
    await client().generateContent({
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', type: 'tool_calls', toolCalls: [{ id: 'call_1', type: 'function', function: { name: 'getWeather', arguments: { city: 'Paris' } } }] },
        { role: 'user', type: 'tool_result', toolResultCallId: 'call_1', content: '{"celsius":21}' },
      ],
      tools: [{ type: 'function', function: { name: 'getWeather' } }],
      toolChoice: { type: 'specific', functionName: 'getWeather' },
    })
    expect(server.requests[0]!.body.messages.slice(1)).toEqual([
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'getWeather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: '{"celsius":21}' },
    ])
    expect(server.requests[0]!.body.tool_choice).toEqual({ type: 'function', function: { name: 'getWeather' } })
  })

  it('leaves out a tool choice when no tools are offered, since servers refuse one', async () => {
    await client().generateContent({ messages: [{ role: 'user', content: 'Hi' }], toolChoice: { type: 'none' } })
    expect(server.requests[0]!.body).not.toHaveProperty('tool_choice')
  })

  it('refuses input that cannot become a request, naming the field, and sends nothing', async () => {
    const refusals = [
      [{ messages: [{ role: 'user', type: 'tool_result', content: '42' }] }, 'messages.0.toolResultCallId'],
      [{ messages: [{ role: 'user', type: 'tool_calls', toolCalls: [] }] }, 'messages.0.role'],
      [{ messages: [{ role: 'assistant', type: 'tool_calls' }] }, 'messages.0.toolCalls'],
      [{ messages: [{ role: 'user', content: null }] }, 'messages.0.content'],
      [{ messages: [{ role: 'user', type: 'multipart', content: [{ type: 'image' }] }] }, 'messages.0.content.0.url'],
      [{ messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'function', function: { name: 'f' } }], toolChoice: { type: 'specific' } }, 'toolChoice.functionName'],
    ] as const
    for (const [input, field] of refusals) {
      const error = await client().generateContent(input as never).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OpenAiError)
      expect(error).toMatchObject({ code: 'LLM_INPUT_INVALID', message: expect.stringContaining(`llm:generateContent input ${field}:`) })
    }
    expect(server.requests).toHaveLength(0)
  })

  it('asks for max_completion_tokens when configured to, as newer OpenAI models require', async () => {
    await client({ maxTokensParameter: 'max_completion_tokens' }).generateContent({ messages: [{ role: 'user', content: 'Hi' }], maxTokens: 100 })
    expect(server.requests[0]!.body).toMatchObject({ max_completion_tokens: 100 })
    expect(server.requests[0]!.body).not.toHaveProperty('max_tokens')
  })

  it('reports the cost from the configured prices of the model', async () => {
    server.reply({ json: completion({ usage: { prompt: 2_000, completion: 500 } }) })
    const models = [{ id: 'gpt-4o-mini', inputCostPer1MTokens: 0.15, outputCostPer1MTokens: 0.6 }]
    const { usage, botpress } = await client({ models }).generateContent({ messages: [{ role: 'user', content: 'Hi' }] })
    expect(usage).toEqual({ inputTokens: 2_000, inputCost: 0.0003, outputTokens: 500, outputCost: 0.0003 })
    expect(botpress.cost).toBeCloseTo(0.0006, 10)
  })

  it('talks to Azure OpenAI deployments with its api-version and api-key header', async () => {
    const base = server.baseUrl.replace(/\/v1$/, '')
    await client({ baseUrl: base, api: 'azure', azureApiVersion: '2024-10-21', defaultModel: 'my-gpt4o' }, 'azure-key').generateContent({ messages: [{ role: 'user', content: 'Hi' }] })
    const [request] = server.requests
    expect(request!.url).toBe('/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21')
    expect(request!.headers['api-key']).toBe('azure-key')
    expect(request!.headers['authorization']).toBeUndefined()
  })

  it('adds configured headers to every request', async () => {
    await client({ headers: { 'OpenAI-Organization': 'org-123' } }).generateContent({ messages: [{ role: 'user', content: 'Hi' }] })
    expect(server.requests[0]!.headers['openai-organization']).toBe('org-123')
  })

  it('refuses a configuration it cannot use, naming the field', () => {
    expect(() => client({ baseUrl: 'ftp://example.com' })).toThrow(/baseUrl/)
    expect(() => client({ headers: { 'bad header': 'x' } })).toThrow(/valid HTTP header name/)
    expect(() => client({ timeoutMs: 0 })).toThrow(/timeoutMs/)
  })
})

describe('listLanguageModels', () => {
  it('lists the configured models in the llm shape', async () => {
    const { models } = await client({ models: [{ id: 'gpt-4o', name: 'GPT-4o', tags: ['recommended', 'vision'], maxInputTokens: 128_000, maxOutputTokens: 16_384, inputCostPer1MTokens: 2.5, outputCostPer1MTokens: 10 }] }).listLanguageModels()
    expect(models).toEqual([{ id: 'gpt-4o', name: 'GPT-4o', description: '', tags: ['recommended', 'vision'], input: { maxTokens: 128_000, costPer1MTokens: 2.5 }, output: { maxTokens: 16_384, costPer1MTokens: 10 } }])
    expect(server.requests).toHaveLength(0)
  })

  it('asks the server when none are configured', async () => {
    server.reply({ json: { object: 'list', data: [{ id: 'llama3.2:latest', object: 'model', created: 1735689600, owned_by: 'library' }, { id: 'qwen2.5:7b', object: 'model', created: 1735689600, owned_by: 'library' }] } })
    const { models } = await client().listLanguageModels()
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/v1/models' })
    expect(models.map((model) => [model.id, model.name, model.description])).toEqual([['llama3.2:latest', 'llama3.2:latest', 'served by library'], ['qwen2.5:7b', 'qwen2.5:7b', 'served by library']])
  })
})
