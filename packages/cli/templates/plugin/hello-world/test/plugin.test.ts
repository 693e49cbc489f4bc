import { BotDefinition, BotImplementation } from '@parley/sdk'
import { createTestBot, type TestBot } from '@parley/runtime/testing'
import { afterEach, describe, expect, it } from 'vitest'
import definition from '../plugin.definition'
import implementation from '../src/index'

/** A bot with nothing but this plugin, added under the alias `counter`. */
function botWithPlugin() {
  const bot = new BotDefinition({}).addPlugin({ definition, implementation }, { alias: 'counter', configuration: { milestone: 2 } })
  return { definition: bot, implementation: new BotImplementation({ actions: {} }) }
}

describe('the message counter', { timeout: 300_000 }, () => {
  let bot: TestBot
  afterEach(() => bot?.stop())

  it('counts messages and emits an event at each milestone', async () => {
    bot = await createTestBot(botWithPlugin())
    const conversation = await bot.conversation()
    for (const text of ['a', 'b', 'c']) await conversation.send(text)
    expect(await bot.callAction('counter:countMessages', { conversationId: conversation.id })).toEqual({ messages: 3 })
    expect((await bot.events('counter:milestoneReached')).map((event) => event.payload)).toEqual([{ conversationId: conversation.id, messages: 2 }])
  })
})
