import { createTestBot } from '@parley/runtime/testing'
import { describe, expect, it } from 'vitest'
import demo from '../index.js'

describe('the demo bot', () => {
  it('journals each message, answers with the count, and holds back spam', async () => {
    const bot = await createTestBot(demo)
    const conversation = await bot.conversation()
    expect((await conversation.send('Hello!')).texts).toEqual(['You said "Hello!". That makes 1 entry in your journal.\n— the Parley demo bot'])
    expect((await conversation.send('cheap spam')).texts).toEqual(["Let's keep it friendly: that message was held back.\n— the Parley demo bot"])
    expect((await conversation.send('Sorry')).texts).toEqual(['You said "Sorry". That makes 2 entries in your journal.\n— the Parley demo bot'])
    expect(await bot.getState('conversation', conversation.id, 'lastEntry')).toMatchObject({ text: 'Sorry' })
    expect(await bot.events('journal:entryRecorded')).toHaveLength(2)
    await bot.stop()
  })

  it('starts the digest workflow on "digest", which answers in the conversation and completes with the count', async () => {
    const bot = await createTestBot(demo)
    const conversation = await bot.conversation()
    await conversation.send('First thought')
    const { texts } = await conversation.send('Digest')
    expect(texts).toEqual(['Putting your digest together…\n— the Parley demo bot', 'Your digest: 2 entries in your journal, this one included.\n— the Parley demo bot'])
    const { workflows } = await bot.client.listWorkflows({ name: 'digest' })
    expect(workflows).toMatchObject([{ status: 'completed', conversationId: conversation.id, input: { userId: conversation.user.id }, output: { entries: 2 } }])
    await bot.stop()
  })
})
