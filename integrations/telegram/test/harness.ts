import { randomBytes } from 'node:crypto'
import { BotDefinition, BotImplementation, type Client } from '@parley/sdk'
import { openDatabase, type Database } from '@parley/runtime'
import { createTestBot, type TestBot } from '@parley/runtime/testing'
import telegram, { SECRET_HEADER, webhookSecret } from '../index.js'
import type { FakeBotApi } from './fake-bot-api.js'

/**
 * Where the test bots keep their data: the embedded database, and a PostgreSQL server (a schema of its
 * own per test file) unless `PARLEY_SKIP_POSTGRES=1`, as the runtime's own storage tests do.
 */
export function databases(): { name: string; open(): Promise<{ database?: Database; dispose(): Promise<void> }> }[] {
  const embedded = { name: 'pglite', open: async () => ({ dispose: async () => {} }) }
  if (process.env['PARLEY_SKIP_POSTGRES'] === '1') return [embedded]
  return [embedded, { name: 'postgres', open: openServerDatabase }]
}

async function openServerDatabase() {
  const schema = `parley_test_${randomBytes(6).toString('hex')}`
  const database = await openDatabase({ url: process.env['PARLEY_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test', schema })
  return {
    database,
    dispose: async () => {
      await database.query(`DROP SCHEMA ${schema} CASCADE`)
      await database.close()
    },
  }
}

export const WEBHOOK_URL = 'https://bot.example.com/v1/bots/support/integrations/telegram/webhook'

/**
 * A support bot on Telegram: it echoes texts, shows a menu as buttons, thanks for a pressed button,
 * and reads back a location.
 */
export function supportBot(api: FakeBotApi, configuration: object = {}) {
  const definition = new BotDefinition({})
  definition.addIntegration(telegram, { alias: 'telegram', configuration: { apiBaseUrl: api.url, timeoutMs: 30_000, ...configuration } })
  const implementation = new BotImplementation({ actions: {} })
  const reply = (client: Client, conversationId: string, message: { type: string; payload: object }) => client.createMessage({ conversationId, ...message } as never)
  implementation.on.message('text', async ({ message, client, ctx }) => {
    const text: string = message.payload.text
    if (message.tags['telegramCallbackQueryId']) return void (await reply(client, ctx.conversationId, { type: 'text', payload: { text: `You picked ${text}.` } }))
    if (text === 'menu') return void (await reply(client, ctx.conversationId, { type: 'choice', payload: { text: 'What do you need?', options: [{ label: 'Billing', value: 'billing' }, { label: 'Support', value: 'support' }] } }))
    await reply(client, ctx.conversationId, { type: 'text', payload: { text: `You said: ${text}` } })
  })
  implementation.on.message('location', async ({ message, client, ctx }) => {
    await reply(client, ctx.conversationId, { type: 'text', payload: { text: `You are at ${message.payload.latitude}, ${message.payload.longitude}.` } })
  })
  return { definition, implementation, secrets: { telegram: { TELEGRAM_BOT_TOKEN: api.token } }, webhookUrl: () => WEBHOOK_URL }
}

/** Posts an update to the bot's Telegram webhook, as Telegram would (the secret header unless told otherwise). */
export async function postUpdate(bot: TestBot, api: FakeBotApi, update: unknown, headers?: Record<string, string>) {
  const secret = webhookSecret({ TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_WEBHOOK_SECRET: undefined })
  const body = typeof update === 'string' ? update : JSON.stringify(update)
  const response = await bot.runtime.handleWebhook('telegram', {
    method: 'POST', path: '', query: {}, body,
    headers: headers ?? { 'content-type': 'application/json', [SECRET_HEADER]: secret },
  })
  await bot.settle()
  return response
}

export async function startSupportBot(api: FakeBotApi, database: Database | undefined, configuration: object = {}): Promise<TestBot> {
  return createTestBot({ ...supportBot(api, configuration), ...(database ? { database } : {}) })
}

// Updates as Telegram sends them (core.telegram.org/bots/api#update).

export const ada = { id: 1111111, is_bot: false, first_name: 'Ada', last_name: 'Lovelace', username: 'ada', language_code: 'en' }
export const grace = { id: 2222222, is_bot: false, first_name: 'Grace', language_code: 'en' }
export const privateChat = (user: { id: number; first_name: string }) => ({ id: user.id, first_name: user.first_name, type: 'private' })
export const group = { id: -1001234567890, title: 'Parley fans', type: 'supergroup' }

let nextUpdate = 500_000
let nextMessage = 1

export function textUpdate(from: object, chat: object, text: string) {
  return { update_id: nextUpdate++, message: { message_id: nextMessage++, from, chat, date: 1735689600, text } }
}

export function locationUpdate(from: object, chat: object, latitude: number, longitude: number) {
  return { update_id: nextUpdate++, message: { message_id: nextMessage++, from, chat, date: 1735689600, location: { latitude, longitude } } }
}

export function buttonUpdate(from: object, chat: object, data: string) {
  const message = { message_id: nextMessage++, from: { id: 123456789, is_bot: true, first_name: 'Parley Test Bot' }, chat, date: 1735689600, text: 'What do you need?' }
  return { update_id: nextUpdate++, callback_query: { id: `4382bfdwdsb323b2d9-${nextUpdate}`, from, message, chat_instance: '-5837261023', data } }
}

/** The bot's conversations on its Telegram channel. */
export async function telegramConversations(bot: TestBot) {
  return (await bot.client.listConversations({ limit: 1000 })).conversations.filter((conversation) => conversation.channel === 'telegram:chat')
}
