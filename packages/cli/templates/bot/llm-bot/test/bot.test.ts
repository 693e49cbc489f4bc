import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { BotDefinition } from '@parley/sdk'
import { createTestBot, type TestBot } from '@parley/runtime/testing'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import implementation, { NOT_CONFIGURED } from '../src/index'

// A local server speaking the chat-completions wire format stands in for the model; the definition reads
// its address from the environment when it is loaded.
let server: Server
let definition: BotDefinition
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume().on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
        id: 'chatcmpl-1', object: 'chat.completion', created: 0, model: 'test-model',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from the model.' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 },
      }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  process.env['LLM_BASE_URL'] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
  definition = (await import('../bot.definition')).default
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

describe('llm bot', { timeout: 300_000 }, () => {
  let bot: TestBot
  afterEach(() => bot?.stop())

  it('answers with the model\'s text', async () => {
    bot = await createTestBot({ definition, implementation })
    expect((await bot.send('Hi')).texts).toEqual(['Hello from the model.'])
  })

  it('says what to set when no model is configured', async () => {
    delete process.env['LLM_BASE_URL']
    delete process.env['OPENAI_API_KEY']
    bot = await createTestBot({ definition, implementation })
    expect((await bot.send('Hi')).texts).toEqual([NOT_CONFIGURED])
  })
})
