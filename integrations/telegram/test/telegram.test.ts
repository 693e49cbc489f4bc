import type { Database } from '@parley/runtime'
import { createTestBot } from '@parley/runtime/testing'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SECRET_HEADER } from '../index.js'
import { startFakeBotApi, type FakeBotApi } from './fake-bot-api.js'
import {
  ada, buttonUpdate, databases, grace, group, locationUpdate, postUpdate, privateChat, startSupportBot, supportBot, telegramConversations, textUpdate,
  WEBHOOK_URL,
} from './harness.js'

let api: FakeBotApi
beforeAll(async () => {
  api = await startFakeBotApi()
})
afterAll(() => api.close())
beforeEach(() => void api.calls.splice(0))

describe.each(databases())('telegram on $name', (driver) => {
  let database: Database | undefined
  let dispose: () => Promise<void>
  beforeAll(async () => {
    ({ database, dispose } = await driver.open())
  })
  afterAll(() => dispose())

  it('sets the webhook with its secret when the bot starts, and deletes it when the bot stops', async () => {
    const bot = await startSupportBot(api, database)
    const [setWebhook] = api.callsOf('setWebhook')
    expect(setWebhook).toMatchObject({ token: api.token, params: { url: WEBHOOK_URL, allowed_updates: ['message', 'callback_query'], drop_pending_updates: false } })
    expect(setWebhook!.params.secret_token).toMatch(/^[0-9a-f]{64}$/)
    await bot.stop()
    expect(api.callsOf('deleteWebhook')).toHaveLength(1)
  })

  it('takes a text update in, runs the bot\'s handler, and sends the reply with sendMessage', async () => {
    const bot = await startSupportBot(api, database)
    const response = await postUpdate(bot, api, textUpdate(ada, privateChat(ada), 'Hello bot'))
    expect(response).toMatchObject({ status: 200, body: '{"ok":true}' })
    expect(api.callsOf('sendMessage').map((call) => call.params)).toEqual([{ chat_id: ada.id, text: 'You said: Hello bot' }])
    const [conversation] = await telegramConversations(bot)
    expect(conversation).toMatchObject({ id: `telegram:chat:${ada.id}`, tags: { telegramChatId: String(ada.id), telegramChatType: 'private' } })
    const messages = (await bot.client.listMessages({ conversationId: conversation!.id })).messages
    expect(messages.map((m) => [m.direction, m.type, m.payload, m.userId])).toEqual([
      ['incoming', 'text', { text: 'Hello bot' }, `telegram:user:${ada.id}`],
      ['outgoing', 'text', { text: 'You said: Hello bot' }, `telegram:user:${ada.id}`],
    ])
    expect(messages[1]!.tags['telegramMessageId']).toMatch(/^\d+$/)
    const { user } = await bot.client.getUser({ id: `telegram:user:${ada.id}` })
    expect(user).toMatchObject({ name: 'Ada Lovelace', tags: { telegramUserId: String(ada.id), telegramUsername: 'ada' } })
    await bot.stop()
  })

  it('keeps one conversation per chat and one user per sender', async () => {
    const bot = await startSupportBot(api, database)
    await postUpdate(bot, api, textUpdate(ada, group, 'hi all'))
    await postUpdate(bot, api, textUpdate(grace, group, 'hello'))
    await postUpdate(bot, api, textUpdate(ada, privateChat(ada), 'psst'))
    await postUpdate(bot, api, textUpdate(ada, group, 'again'))
    const conversations = await telegramConversations(bot)
    expect(conversations.map((c) => c.id).sort()).toEqual([`telegram:chat:${group.id}`, `telegram:chat:${ada.id}`].sort())
    const inGroup = (await bot.client.listMessages({ conversationId: `telegram:chat:${group.id}` })).messages.filter((m) => m.direction === 'incoming')
    expect(inGroup.map((m) => m.userId)).toEqual([`telegram:user:${ada.id}`, `telegram:user:${grace.id}`, `telegram:user:${ada.id}`])
    expect(api.callsOf('sendMessage').map((call) => call.params.chat_id)).toEqual([group.id, group.id, ada.id, group.id])
    await bot.stop()
  })

  it('takes the same chat\'s updates arriving together into one conversation', async () => {
    const bot = await startSupportBot(api, database)
    await Promise.all(['one', 'two', 'three'].map((text) => postUpdate(bot, api, textUpdate(grace, privateChat(grace), text))))
    expect((await telegramConversations(bot)).map((c) => c.id)).toEqual([`telegram:chat:${grace.id}`])
    expect(api.callsOf('sendMessage').map((call) => call.params.text).sort()).toEqual(['You said: one', 'You said: three', 'You said: two'])
    await bot.stop()
  })

  it('refuses an update without the secret token, or with a wrong one: 401, nothing stored, nothing sent', async () => {
    const bot = await startSupportBot(api, database)
    const update = textUpdate(ada, privateChat(ada), 'let me in')
    const missing = await postUpdate(bot, api, update, { 'content-type': 'application/json' })
    const wrong = await postUpdate(bot, api, update, { [SECRET_HEADER]: 'f'.repeat(64) })
    const short = await postUpdate(bot, api, update, { [SECRET_HEADER]: 'x' })
    expect([missing.status, wrong.status, short.status]).toEqual([401, 401, 401])
    expect(JSON.parse(missing.body!)).toEqual({ ok: false, error: `the ${SECRET_HEADER} header is missing or wrong` })
    expect(await telegramConversations(bot)).toEqual([])
    expect((await bot.client.listUsers({ limit: 1000 })).users.filter((u) => u.id.startsWith('telegram:'))).toEqual([])
    expect(api.callsOf('sendMessage')).toEqual([])
    await bot.stop()
  })

  it('reads the secret header whatever its case, and checks a configured secret', async () => {
    const definition = supportBot(api)
    const bot = await createTestBot({ ...definition, secrets: { telegram: { TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_WEBHOOK_SECRET: 'my_secret-1' } }, ...(database ? { database } : {}) })
    expect(api.callsOf('setWebhook')[0]!.params.secret_token).toBe('my_secret-1')
    expect((await postUpdate(bot, api, textUpdate(ada, privateChat(ada), 'hi'), { 'X-Telegram-Bot-Api-Secret-Token': 'my_secret-1' })).status).toBe(200)
    expect((await postUpdate(bot, api, textUpdate(ada, privateChat(ada), 'hi'), { [SECRET_HEADER]: 'my_secret-2' })).status).toBe(401)
    expect(api.callsOf('sendMessage')).toHaveLength(1)
    await bot.stop()
  })

  it('shows a choice as inline buttons, and takes a pressed button in as a text, answering the callback query', async () => {
    const bot = await startSupportBot(api, database)
    await postUpdate(bot, api, textUpdate(ada, privateChat(ada), 'menu'))
    expect(api.callsOf('sendMessage')[0]!.params).toEqual({
      chat_id: ada.id, text: 'What do you need?',
      reply_markup: { inline_keyboard: [[{ text: 'Billing', callback_data: 'billing' }], [{ text: 'Support', callback_data: 'support' }]] },
    })
    const press = buttonUpdate(ada, privateChat(ada), 'billing')
    expect((await postUpdate(bot, api, press)).status).toBe(200)
    expect(api.callsOf('answerCallbackQuery').map((call) => call.params)).toEqual([{ callback_query_id: press.callback_query.id }])
    expect(api.callsOf('sendMessage')[1]!.params).toEqual({ chat_id: ada.id, text: 'You picked billing.' })
    await bot.stop()
  })

  it('takes a location in, and sends images, files and locations with their own methods', async () => {
    const bot = await startSupportBot(api, database)
    await postUpdate(bot, api, locationUpdate(ada, privateChat(ada), 48.8584, 2.2945))
    expect(api.callsOf('sendMessage')[0]!.params.text).toBe('You are at 48.8584, 2.2945.')
    const conversationId = `telegram:chat:${ada.id}`
    const userId = `telegram:user:${ada.id}`
    await bot.client.createMessage({ conversationId, userId, type: 'image', payload: { imageUrl: 'https://example.com/tower.png', title: 'The tower' } })
    await bot.client.createMessage({ conversationId, userId, type: 'file', payload: { fileUrl: 'https://example.com/guide.pdf' } })
    await bot.client.createMessage({ conversationId, userId, type: 'location', payload: { latitude: 48.8584, longitude: 2.2945 } })
    await bot.client.createMessage({ conversationId, userId, type: 'markdown', payload: { markdown: '**bold** move' } })
    expect(api.calls.slice(-4).map((call) => [call.method, call.params])).toEqual([
      ['sendPhoto', { chat_id: ada.id, photo: 'https://example.com/tower.png', caption: 'The tower' }],
      ['sendDocument', { chat_id: ada.id, document: 'https://example.com/guide.pdf' }],
      ['sendLocation', { chat_id: ada.id, latitude: 48.8584, longitude: 2.2945 }],
      ['sendMessage', { chat_id: ada.id, text: '**bold** move' }],
    ])
    await bot.stop()
  })

  it('splits a text longer than Telegram takes into several messages', async () => {
    const bot = await startSupportBot(api, database)
    await postUpdate(bot, api, textUpdate(ada, privateChat(ada), `${'a'.repeat(3000)} ${'b'.repeat(3000)}`))
    const sent = api.callsOf('sendMessage').map((call) => call.params.text as string)
    expect(sent).toEqual([`You said: ${'a'.repeat(3000)}`, 'b'.repeat(3000)])
    await bot.stop()
  })

  it('handles an update Telegram delivers twice only once', async () => {
    const bot = await startSupportBot(api, database)
    const update = textUpdate(grace, privateChat(grace), 'once')
    expect((await postUpdate(bot, api, update)).status).toBe(200)
    expect((await postUpdate(bot, api, update)).status).toBe(200)
    expect(api.callsOf('sendMessage')).toHaveLength(1)
    const messages = (await bot.client.listMessages({ conversationId: `telegram:chat:${grace.id}` })).messages
    expect(messages.filter((m) => m.direction === 'incoming')).toHaveLength(1)
    await bot.stop()
  })

  it('answers 400 to a body that is not an update, and 200 to updates it leaves alone, storing nothing', async () => {
    const bot = await startSupportBot(api, database)
    const notJson = await postUpdate(bot, api, '{"update_id": ')
    const noId = await postUpdate(bot, api, { message: { text: 'hi' } })
    const hugeId = await postUpdate(bot, api, { update_id: 1, message: { message_id: 1, chat: { id: 1e308, type: 'private' }, date: 1, from: ada, text: 'x' } })
    const nul = await postUpdate(bot, api, textUpdate(ada, privateChat(ada), 'a\u0000b'))
    expect([notJson.status, noId.status, hugeId.status, nul.status]).toEqual([400, 400, 400, 400])
    expect(JSON.parse(nul.body!).error).toContain('message.text: must not contain NUL')
    expect(JSON.parse(noId.body!).error).toContain('update_id: Required')
    const edited = await postUpdate(bot, api, { update_id: 900_001, edited_message: { message_id: 5, chat: privateChat(ada), date: 1, edit_date: 2, text: 'edited' } })
    const sticker = await postUpdate(bot, api, { update_id: 900_002, message: { message_id: 6, from: ada, chat: privateChat(ada), date: 1, sticker: { file_id: 'CAACAgIAAxk', width: 512, height: 512 } } })
    expect([edited.status, sticker.status]).toEqual([200, 200])
    expect(await telegramConversations(bot)).toEqual([])
    expect(api.callsOf('sendMessage')).toEqual([])
    await bot.stop()
  })

  it('answers 405 to anything but a POST', async () => {
    const bot = await startSupportBot(api, database)
    const response = await bot.runtime.handleWebhook('telegram', { method: 'GET', path: '', query: {}, headers: {}, body: '' })
    expect(response).toMatchObject({ status: 405, headers: { allow: 'POST' } })
    await bot.stop()
  })
})

describe('telegram when the Bot API fails', () => {
  it('records a refused reply as a delivery failure naming Telegram\'s answer, keeps the message, and goes on', async () => {
    const bot = await startSupportBot(api, undefined)
    api.script('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' })
    expect((await postUpdate(bot, api, textUpdate(ada, privateChat(ada), 'hi'))).status).toBe(200)
    const failures = await bot.failures()
    expect(failures).toHaveLength(1)
    expect(JSON.stringify(failures[0])).toContain(`Telegram's sendMessage answered 403: \\"Forbidden: bot was blocked by the user\\"; the bot cannot write to this chat`)
    const messages = (await bot.client.listMessages({ conversationId: `telegram:chat:${ada.id}` })).messages
    expect(messages.map((m) => m.direction)).toEqual(['incoming', 'outgoing'])
    expect(messages[1]!.tags['telegramMessageId']).toBeUndefined()
    await postUpdate(bot, api, textUpdate(ada, privateChat(ada), 'still there?'))
    expect(api.callsOf('sendMessage').at(-1)!.params.text).toBe('You said: still there?')
    await bot.stop()
  })

  it('retries after the retry_after of a 429, and after a 5xx', async () => {
    const bot = await startSupportBot(api, undefined)
    api.script('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 }, { status: 502, raw: '<html>Bad Gateway</html>' })
    await postUpdate(bot, api, textUpdate(ada, privateChat(ada), 'busy?'))
    const calls = api.callsOf('sendMessage')
    expect(calls).toHaveLength(3)
    // A lower bound only: the wait is at least what Telegram asked for, however busy the machine.
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(950)
    expect(await bot.failures()).toEqual([])
    await bot.stop()
  })

  it('gives up on a Bot API answer that stalls, recording a timeout', async () => {
    // No webhook to set: the stalled call is the only one the short timeout applies to.
    const bot = await createTestBot({ ...supportBot(api, { timeoutMs: 300, maxRetries: 0 }), webhookUrl: () => '' })
    api.script('sendMessage', { stallBody: true })
    expect((await postUpdate(bot, api, textUpdate(grace, privateChat(grace), 'hello?'))).status).toBe(200)
    expect(JSON.stringify(await bot.failures())).toContain(`Telegram's sendMessage did not answer in time`)
    await bot.stop()
  })

  it('refuses a choice whose value a button cannot carry, naming the option', async () => {
    const bot = await startSupportBot(api, undefined)
    const conversationId = `telegram:chat:${ada.id}`
    await postUpdate(bot, api, textUpdate(ada, privateChat(ada), 'hi'))
    await bot.client.createMessage({ conversationId, userId: `telegram:user:${ada.id}`, type: 'choice', payload: { text: 'Pick', options: [{ label: 'Long', value: 'é'.repeat(33) }] } })
    expect(JSON.stringify(await bot.failures())).toContain('choice option \\"Long\\" has a value of 66 bytes; a Telegram button carries 1 to 64 bytes')
    expect(api.callsOf('sendMessage')).toHaveLength(1)
    await bot.stop()
  })

  it('does not start with a token Telegram refuses, and says which secret to check', async () => {
    const bot = createTestBot({ ...supportBot(api), secrets: { telegram: { TELEGRAM_BOT_TOKEN: '987654321:wrong-token' } } })
    await expect(bot).rejects.toMatchObject({ code: 'UPSTREAM_FAILED', message: `Telegram's setWebhook answered 401: "Unauthorized"; check the TELEGRAM_BOT_TOKEN secret` })
  })

  it('does not start without a token, naming the secret', async () => {
    const bot = createTestBot({ ...supportBot(api), secrets: { telegram: {} } })
    await expect(bot).rejects.toMatchObject({ code: 'TELEGRAM_TOKEN_MISSING', message: expect.stringContaining('the TELEGRAM_BOT_TOKEN secret is not set') })
  })

  it('runs without setting a webhook when there is no URL for one, saying so in the log', async () => {
    const bot = await createTestBot({ ...supportBot(api), webhookUrl: () => '' })
    expect(api.callsOf('setWebhook')).toEqual([])
    expect((await bot.logs()).map((record) => record.message)).toContainEqual(expect.stringContaining('no webhook URL: Telegram cannot send updates to this bot'))
    await bot.stop()
  })

  it('prefers the configured public webhook URL to the runtime\'s', async () => {
    const bot = await startSupportBot(api, undefined, { webhookUrl: 'https://tunnel.example.com/hook' })
    expect(api.callsOf('setWebhook')[0]!.params.url).toBe('https://tunnel.example.com/hook')
    await bot.stop()
  })
})
