import { createTestBot } from '@parley/runtime/testing'
import { describe, expect, it } from 'vitest'
import helloWorld from '../index.js'

describe('hello world', () => {
  it('replies with the text it received', async () => {
    const bot = await createTestBot(helloWorld)
    const conversation = await bot.conversation()
    expect((await conversation.send('Hello, Parley')).texts).toEqual(['Hello, Parley'])
    expect((await conversation.send('Still there?')).texts).toEqual(['Still there?'])
    await bot.stop()
  })

  it('ignores messages that are not text', async () => {
    const bot = await createTestBot(helloWorld)
    expect((await bot.send({ type: 'image', payload: { imageUrl: 'https://example.com/cat.png' } })).replies).toEqual([])
    await bot.stop()
  })
})
