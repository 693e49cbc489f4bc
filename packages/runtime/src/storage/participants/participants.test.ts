import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBotStorage, type BotStorage } from '../bot-storage.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'

describe.each(testDrivers())('participants on $name', (driver) => {
  let testDb: TestDatabase
  let bot: BotStorage
  beforeAll(async () => {
    testDb = await openMigrated(driver)
    bot = createBotStorage(testDb.db, { botId: 'bot-a' })
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  const conversation = () => bot.conversations.create({ channel: 'channel', integration: 'webchat' })

  it('adds a user once however many callers add it, and lists participants in the order they joined', async () => {
    const { id } = await conversation()
    const [ada, grace] = [await bot.users.create({ name: 'Ada' }), await bot.users.create({ name: 'Grace' })]
    expect(await Promise.all([bot.participants.add(id, grace.id), bot.participants.add(id, grace.id)])).toEqual([true, true])
    await bot.participants.add(id, ada.id)
    expect((await bot.participants.list(id)).items.map((user) => user.name)).toEqual(['Grace', 'Ada'])
    expect(await bot.participants.get(id, ada.id)).toEqual(ada)
  })

  it('counts the sender of an incoming message, but not the user an outgoing one is addressed to', async () => {
    const { id } = await conversation()
    const [sender, addressee] = [await bot.users.create(), await bot.users.create()]
    await bot.messages.create({ conversationId: id, userId: addressee.id, direction: 'outgoing', type: 'text', payload: { text: 'hi' } })
    await bot.messages.create({ conversationId: id, userId: sender.id, direction: 'incoming', type: 'text', payload: { text: 'hello' } })
    await bot.messages.create({ conversationId: id, userId: sender.id, direction: 'incoming', type: 'text', payload: { text: 'again' } })
    expect((await bot.participants.list(id)).items.map((user) => user.id)).toEqual([sender.id])
  })

  it('says false for an unknown conversation or user, and undefined for a non-participant', async () => {
    const { id } = await conversation()
    const user = await bot.users.create()
    expect(await bot.participants.add('conv_missing', user.id)).toBe(false)
    expect(await bot.participants.add(id, 'user_missing')).toBe(false)
    expect(await bot.participants.get(id, user.id)).toBeUndefined()
    expect(await createBotStorage(testDb.db, { botId: 'bot-b' }).participants.add(id, user.id)).toBe(false)
  })

  it('removes a participant, saying whether it was one', async () => {
    const { id } = await conversation()
    const user = await bot.users.create()
    await bot.participants.add(id, user.id)
    expect(await bot.participants.remove(id, user.id)).toBe(true)
    expect(await bot.participants.remove(id, user.id)).toBe(false)
    expect((await bot.participants.list(id)).items).toEqual([])
  })

  it('pages through many participants without losing or repeating one', async () => {
    const { id } = await conversation()
    const users = await Promise.all(Array.from({ length: 25 }, () => bot.users.create()))
    for (const user of users) await bot.participants.add(id, user.id)
    const seen: string[] = []
    for (let offset: number | undefined = 0; offset !== undefined;) {
      const page = await bot.participants.list(id, { limit: 10, offset })
      seen.push(...page.items.map((user) => user.id))
      offset = page.nextOffset
    }
    expect(seen).toEqual(users.map((user) => user.id))
  })

  it('a user id of __proto__ is a participant like any other', async () => {
    const { id } = await conversation()
    const user = await bot.users.getOrCreate('__proto__')
    expect(await bot.participants.add(id, '__proto__')).toBe(true)
    expect(await bot.participants.get(id, '__proto__')).toEqual(user)
  })
})
