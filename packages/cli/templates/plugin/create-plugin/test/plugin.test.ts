import { BotDefinition, BotImplementation } from '@parley/sdk'
import { createTestBot, type TestBot } from '@parley/runtime/testing'
import { afterEach, describe, expect, it } from 'vitest'
import plugin from '../src/index'

/** A bot with nothing but this plugin, added under the alias `counts`. */
function botWithPlugin() {
  const bot = new BotDefinition({}).addPlugin(plugin, { alias: 'counts' })
  return { definition: bot, implementation: new BotImplementation({ actions: {} }) }
}

describe('the message counter', { timeout: 300_000 }, () => {
  let bot: TestBot
  afterEach(() => bot?.stop())

  it('counts each user\'s messages and serves the counts', async () => {
    bot = await createTestBot(botWithPlugin())
    const conversation = await bot.conversation()
    for (const text of ['a', 'b']) await conversation.send(text)
    const answer = await bot.runtime.handlePluginRequest('counts', { method: 'GET', path: '/endpoints/counts', query: {}, headers: {}, body: '', user: { id: 'admin' } })
    const text = typeof answer.body === 'string' ? answer.body : new TextDecoder().decode(answer.body)
    expect(JSON.parse(text)).toEqual({ counts: [{ userId: conversation.user.id, count: 2, at: expect.any(String) }] })
  })
})
