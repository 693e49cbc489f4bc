import { describe, expect, it } from 'vitest'
import { createOpenAiClient, type ContentStream } from '../index.js'
import { chunks, toolCallChunks, useFakeChatServer } from './fake-chat-server.js'

const server = useFakeChatServer()

const stream = (configuration: object = {}) =>
  createOpenAiClient({ configuration: { baseUrl: server.baseUrl, ...configuration } }).streamContent({ messages: [{ role: 'user', content: 'Count to three' }] })

async function texts(content: ContentStream): Promise<string[]> {
  const seen: string[] = []
  for await (const delta of content) seen.push(delta.text)
  return seen
}

describe('streamed answers (stream: true, server-sent events)', () => {
  it('yield the text as it arrives, then the same output a whole answer gives, usage included', async () => {
    server.reply({ events: chunks(['One', ', two', ', three.'], { usage: { prompt: 11, completion: 6 } }) })
    const content = stream()
    expect(await texts(content)).toEqual(['One', ', two', ', three.'])
    expect(await content.output()).toEqual({
      id: 'chatcmpl-stream-1', provider: expect.any(String), model: 'gpt-4o-mini-2024-07-18',
      choices: [{ role: 'assistant', type: 'text', content: 'One, two, three.', index: 0, stopReason: 'stop' }],
      usage: { inputTokens: 11, inputCost: 0, outputTokens: 6, outputCost: 0 },
      botpress: { cost: 0 },
      content: 'One, two, three.',
    })
    expect(server.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } })
  })

  it('give the output without iterating, reading the stream to its end', async () => {
    server.reply({ events: chunks(['Hello', ' world'], { finishReason: 'length' }) })
    expect(await stream().output()).toMatchObject({ content: 'Hello world', choices: [{ stopReason: 'max_tokens' }] })
  })

  it('assemble tool calls streamed in pieces', async () => {
    server.reply({ events: toolCallChunks({ id: 'call_9', name: 'getWeather', argumentPieces: ['{"ci', 'ty": "Par', 'is"}'] }) })
    const content = stream()
    expect(await texts(content)).toEqual([])
    expect((await content.output()).choices).toEqual([{
      role: 'assistant', type: 'tool_calls', content: null, index: 0, stopReason: 'tool_calls',
      toolCalls: [{ id: 'call_9', type: 'function', function: { name: 'getWeather', arguments: { city: 'Paris' } } }],
    }])
  })

  it('accept a stream closed without [DONE] once the answer finished, as some servers send it', async () => {
    server.reply({ events: chunks(['Done']), done: false })
    expect((await stream().output()).content).toBe('Done')
  })

  it('fail when the stream closes before the answer finished', async () => {
    server.reply({ events: chunks(['Half']).slice(0, 2), done: false })
    await expect(stream().output()).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', message: expect.stringContaining('a stream that ended before the answer was complete') })
  })

  it('fail with the server\'s message when it sends an error in the stream', async () => {
    server.reply({ events: [...chunks(['Par']).slice(0, 2), { error: { message: 'The model is overloaded', type: 'server_error' } }] })
    const content = stream()
    await expect(texts(content)).rejects.toMatchObject({ code: 'UPSTREAM_FAILED', message: expect.stringContaining('failed while streaming: "The model is overloaded"') })
    await expect(content.output()).rejects.toMatchObject({ code: 'UPSTREAM_FAILED' })
  })

  it('fail on an event that is not JSON', async () => {
    server.reply({ events: ['{not json'] })
    await expect(stream().output()).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', message: expect.stringContaining('a stream event that is not JSON: "{not json"') })
  })

  it('time out when the stream stalls between chunks', async () => {
    server.reply({ events: chunks(['Slow']).slice(0, 2), stallAfter: true })
    const content = stream({ timeoutMs: 300, maxRetries: 0 })
    await expect(texts(content)).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' })
  })

  it('stop reading when the caller cancels in the middle of the stream', async () => {
    server.reply({ events: chunks(['First']).slice(0, 2), stallAfter: true })
    const controller = new AbortController()
    const content = createOpenAiClient({ configuration: { baseUrl: server.baseUrl } }).streamContent({ messages: [{ role: 'user', content: 'Go' }] }, { signal: controller.signal })
    const seen: string[] = []
    const reading = (async () => {
      for await (const { text } of content) {
        seen.push(text)
        controller.abort()
      }
    })()
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' })
    expect(seen).toEqual(['First'])
  })

  it('report an error status before the stream as any call does', async () => {
    server.reply({ status: 404, json: { error: { message: 'The model `gpt-9` does not exist', type: 'invalid_request_error', code: 'model_not_found' } } })
    await expect(stream().output()).rejects.toMatchObject({ code: 'UPSTREAM_FAILED', status: 404, message: expect.stringContaining('check baseUrl and the model name') })
  })
})
