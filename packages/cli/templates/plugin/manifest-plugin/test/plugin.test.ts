import { createServer } from 'node:http'
import { BotDefinition, BotImplementation } from '@parley/sdk'
import { createTestBot, type TestBot } from '@parley/runtime/testing'
import { afterEach, describe, expect, it } from 'vitest'
import plugin from '../index'

/** A bot with nothing but this plugin, posting to `url`. */
function botWithPlugin(url: string) {
  const bot = new BotDefinition({}).addPlugin(plugin, { configuration: { WEBHOOK_URL: url } })
  return { definition: bot, implementation: new BotImplementation({ actions: {} }) }
}

/** A local webhook receiver: resolves with the first body it is sent. */
async function receiver() {
  let received: (body: unknown) => void = () => undefined
  const body = new Promise<unknown>((resolve) => { received = resolve })
  const server = createServer((request, response) => {
    let text = ''
    request.on('data', (chunk) => { text += chunk })
    request.on('end', () => { response.end('ok'); received(JSON.parse(text)) })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`, body, close: () => server.close() }
}

describe('the message counter', { timeout: 300_000 }, () => {
  let bot: TestBot
  afterEach(() => bot?.stop())

  it('counts a conversation\'s messages and posts the count after each turn', async () => {
    const hook = await receiver()
    try {
      bot = await createTestBot(botWithPlugin(hook.url))
      const conversation = await bot.conversation()
      await conversation.send('hello')
      expect(await hook.body).toEqual({ session_id: conversation.id, messages: 1 })
      expect((await bot.logs()).map((line) => line.message)).toContain(`message 1 of session ${conversation.id}: hello`)
    } finally {
      hook.close()
    }
  })

  it('only logs a warning without a WEBHOOK_URL', async () => {
    bot = await createTestBot(botWithPlugin(''))
    await (await bot.conversation()).send('hello')
    expect((await bot.logs()).map((line) => line.message)).toContain('no WEBHOOK_URL configured; nothing to notify')
  })
})
