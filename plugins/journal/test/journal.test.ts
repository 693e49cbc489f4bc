import { BotDefinition, BotImplementation } from '@parley/sdk'
import { createTestBot } from '@parley/runtime/testing'
import { describe, expect, it } from 'vitest'
import journal from '../index.js'

/** A bot with only the journal, and a handler that notes each entry the journal announces. */
function botWithJournal(announced: string[], maxLength?: number) {
  const definition = new BotDefinition({})
  definition.addPlugin(journal, { configuration: maxLength === undefined ? {} : { maxLength } })
  const implementation = new BotImplementation({ actions: {} })
  implementation.on.event('journal:entryRecorded', ({ event }) => void announced.push(`#${event.payload.entryId} ${event.payload.text}`))
  return { definition, implementation }
}

describe('the journal plugin', () => {
  it('writes each message to its table and announces it', async () => {
    const announced: string[] = []
    const bot = await createTestBot(botWithJournal(announced))
    const conversation = await bot.conversation()
    await conversation.send('first')
    await conversation.send({ type: 'image', payload: { imageUrl: 'https://example.com/a.png' } })
    const rows = await bot.rows('journalEntries')
    expect(rows.map((row) => [row['type'], row['text'], row['userId']])).toEqual([['text', 'first', conversation.user.id], ['image', '[image]', conversation.user.id]])
    expect(announced).toEqual([`#${rows[0]!['id']} first`, `#${rows[1]!['id']} [image]`])
    await bot.stop()
  })

  it('cuts long texts to maxLength', async () => {
    const bot = await createTestBot(botWithJournal([], 5))
    await bot.send('abcdefghij')
    expect((await bot.rows('journalEntries')).map((row) => row['text'])).toEqual(['abcde'])
    await bot.stop()
  })

  it('sums up entries per user or for everyone', async () => {
    const bot = await createTestBot(botWithJournal([]))
    const ada = await bot.conversation()
    await ada.send('one')
    await ada.send('two')
    await bot.send('three')
    expect(await bot.callAction('journal:summary', { userId: ada.user.id })).toEqual({ entries: 2, users: 1 })
    expect(await bot.callAction('journal:summary', {})).toEqual({ entries: 3, users: 2 })
    await bot.stop()
  })
})
