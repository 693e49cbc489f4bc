import { createTestBot, type TestBot } from '@parley/runtime/testing'
import { afterEach, describe, expect, it } from 'vitest'
import definition from '../bot.definition'
import implementation from '../src/index'

describe('the bot with the greeter plugin', { timeout: 300_000 }, () => {
  let bot: TestBot
  afterEach(() => bot?.stop())

  it('names the plugin\'s action with its alias', () => {
    expect(Object.keys(definition.actions)).toEqual(['greeter:greet'])
  })

  it('replies with the plugin\'s greeting, configured by the bot', async () => {
    bot = await createTestBot({ definition, implementation })
    const conversation = await bot.conversation()
    expect((await conversation.send('Ada')).texts).toEqual(['Welcome, Ada!'])
  })
})
