import { createTestBot, type TestBot } from '@parley/runtime/testing'
import { afterEach, describe, expect, it } from 'vitest'
import definition from '../bot.definition'
import implementation from '../src/index'

describe('hello world', { timeout: 300_000 }, () => {
  let bot: TestBot
  afterEach(() => bot?.stop())

  it('greets by name with the configured greeting, counting visits', async () => {
    bot = await createTestBot({ definition, implementation })
    const conversation = await bot.conversation()
    expect((await conversation.send('Ada')).texts).toEqual(['Hello, Ada! (visit 1)'])
    expect((await conversation.send('Ada')).texts).toEqual(['Hello, Ada! (visit 2)'])
  })

  it('answers its greet action', async () => {
    bot = await createTestBot({ definition, implementation, configuration: { greeting: 'Hi' } })
    expect(await bot.callAction('greet', { name: 'Grace' })).toEqual({ text: 'Hi, Grace!' })
  })
})
