import { once } from 'node:events'
import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createOpenAiClient, OpenAiError } from '../index.js'
import { completion, openAiError, useFakeChatServer } from './fake-chat-server.js'

const server = useFakeChatServer()

const KEY = 'sk-very-secret-key'
const ask = (configuration: object = {}) =>
  createOpenAiClient({ configuration: { baseUrl: server.baseUrl, ...configuration }, apiKey: KEY }).generateContent({ messages: [{ role: 'user', content: 'Hi' }] })
const failure = (configuration: object = {}) => ask(configuration).then(() => expect.fail('the call should have failed'), (error: unknown) => error as OpenAiError)

describe('errors from the chat-completions server', () => {
  it('a 400 names the status and what OpenAI said, and is not retried', async () => {
    server.reply({ status: 400, json: openAiError("Invalid value for 'temperature': must be at most 2.", 'invalid_request_error', 'temperature', 'invalid_value') })
    const error = await failure()
    expect(error).toBeInstanceOf(OpenAiError)
    expect(error).toMatchObject({ code: 'UPSTREAM_FAILED', status: 400, upstreamType: 'invalid_request_error', upstreamCode: 'invalid_value', attempts: 1 })
    expect(error.message).toBe(`the chat-completions server at ${server.baseUrl} answered 400 Bad Request: "Invalid value for 'temperature': must be at most 2." (invalid_request_error, param temperature)`)
    expect(server.requests).toHaveLength(1)
  })

  it('a 401 says to check the API key secret, never showing the key', async () => {
    server.reply({ status: 401, json: openAiError('Incorrect API key provided: sk-very-***-key.', 'invalid_request_error', null, 'invalid_api_key') })
    const error = await failure()
    expect(error).toMatchObject({ code: 'UPSTREAM_FAILED', status: 401 })
    expect(error.message).toMatch(/answered 401 Unauthorized: "Incorrect API key provided.*" \(invalid_request_error\); check the OPENAI_API_KEY secret$/)
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(KEY)
    expect(server.requests).toHaveLength(1)
  })

  it('a 429 is retried after the Retry-After it gives', async () => {
    server.reply({ status: 429, headers: { 'retry-after': '1' }, json: openAiError('Rate limit reached for gpt-4o-mini', 'requests', null, 'rate_limit_exceeded') })
    const output = await ask()
    expect(output.content).toBe('echo: Hi')
    expect(server.requests).toHaveLength(2)
    // A lower bound only: the wait is at least what the server asked for, however busy the machine.
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(950)
  })

  it('a 429 asking for a longer wait than an attempt may take fails at once', async () => {
    server.reply({ status: 429, headers: { 'retry-after': '3600' }, json: openAiError('You exceeded your current quota', 'insufficient_quota', null, 'insufficient_quota') })
    const error = await failure({ timeoutMs: 30_000 })
    expect(error).toMatchObject({ code: 'UPSTREAM_FAILED', status: 429, upstreamCode: 'insufficient_quota' })
    expect(error.message).toContain('the server is rate limiting this key')
    expect(server.requests).toHaveLength(1)
  })

  it('a 500 is retried with backoff, and reported with the attempts when it persists', async () => {
    const broken = { status: 500, json: openAiError('The server had an error while processing your request.', 'server_error') }
    server.reply(broken, broken, broken)
    const error = await failure({ maxRetries: 2 })
    expect(error).toMatchObject({ code: 'UPSTREAM_FAILED', status: 500, attempts: 3 })
    expect(error.message).toContain('answered 500 Internal Server Error after 3 attempts: "The server had an error while processing your request." (server_error); the server failed: try again later')
    expect(server.requests).toHaveLength(3)
  })

  it('a 503 followed by an answer succeeds', async () => {
    server.reply({ status: 503, raw: 'upstream connect error or disconnect/reset before headers' })
    expect((await ask()).content).toBe('echo: Hi')
    expect(server.requests).toHaveLength(2)
  })

  it('an error body that is not OpenAI\'s is quoted as it is', async () => {
    server.reply({ status: 502, raw: '<html><body>Bad gateway</body></html>' })
    const error = await failure({ maxRetries: 0 })
    expect(error).toMatchObject({ code: 'UPSTREAM_FAILED', status: 502, bodyExcerpt: '<html><body>Bad gateway</body></html>' })
    expect(error.message).toContain('answered 502 Bad Gateway: "<html><body>Bad gateway</body></html>"')
  })

  it('garbage instead of JSON is a bad response, quoting it', async () => {
    server.reply({ raw: 'this is not { json' })
    const error = await failure()
    expect(error).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', status: 200 })
    expect(error.message).toContain('answered 200 with a body that is not JSON: "this is not { json"')
  })

  it('JSON that is not a chat completion is a bad response, naming the field', async () => {
    server.reply({ json: { id: 'x', object: 'chat.completion', choices: [] } }, { json: { choices: [{ message: { content: 42 } }] } })
    expect((await failure()).message).toMatch(/with something that is not a chat completion \(choices: Array must contain at least 1 element/)
    expect((await failure()).message).toMatch(/choices\.0\.message\.content: Expected string, received number/)
  })

  it('an answer larger than the bound is refused, not held in memory', async () => {
    server.reply({ json: completion({ content: 'x'.repeat(9 * 1024 * 1024) }) })
    expect(await failure()).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', message: expect.stringContaining('an answer larger than 8388608 bytes') })
  })

  it('a server that never answers times out', async () => {
    server.reply({ hang: true })
    const error = await failure({ timeoutMs: 300, maxRetries: 0 })
    expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT' })
    expect(error.message).toBe(`the chat-completions server at ${server.baseUrl} did not answer within 300 ms; check the server, or raise timeoutMs in the configuration`)
  })

  it('a server that stops in the middle of its answer times out', async () => {
    server.reply({ stallBody: true })
    expect(await failure({ timeoutMs: 300, maxRetries: 0 })).toMatchObject({ code: 'UPSTREAM_TIMEOUT' })
  })

  it('an error answer whose body stalls is still reported, with its status', async () => {
    // Only the body is meant to stall. The status must arrive within the timeout, which a busy machine
    // may not manage: such a try times out before the case under test starts, so try again with longer.
    let error: OpenAiError | undefined
    for (const timeoutMs of [1_000, 4_000, 16_000, 64_000, 256_000]) {
      server.reply({ stallBody: true, status: 500 })
      error = await failure({ timeoutMs, maxRetries: 0 })
      if (error.code !== 'UPSTREAM_TIMEOUT') break
    }
    expect(error).toMatchObject({ code: 'UPSTREAM_FAILED', status: 500, message: expect.stringContaining('answered 500 Internal Server Error: (no body)') })
  })

  it('a server that is not there is unreachable, saying to check baseUrl', async () => {
    const error = await failure({ baseUrl: `http://127.0.0.1:${await closedPort()}/v1`, maxRetries: 1 })
    expect(error).toMatchObject({ code: 'UPSTREAM_UNREACHABLE' })
    expect(error.message).toMatch(/could not reach the chat-completions server at http:\/\/127\.0\.0\.1:\d+\/v1 \(ECONNREFUSED\); check baseUrl/)
  })

  it('a call can be cancelled', async () => {
    server.reply({ hang: true })
    const controller = new AbortController()
    const call = createOpenAiClient({ configuration: { baseUrl: server.baseUrl } }).generateContent({ messages: [{ role: 'user', content: 'Hi' }] }, { signal: controller.signal })
    await until(() => server.requests.length === 1)
    controller.abort()
    await expect(call).rejects.toMatchObject({ name: 'AbortError' })
  })
})

/** A port nothing listens on: one just freed. */
async function closedPort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const { port } = probe.address() as { port: number }
  probe.close()
  await once(probe, 'close')
  return port
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve))
}
