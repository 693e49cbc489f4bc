import { BotDefinition, BotImplementation, IntegrationDefinition, IntegrationImplementation } from '@parley/sdk'
import { createTestBot, type TestBot } from '@parley/runtime/testing'
import { afterEach, describe, expect, it } from 'vitest'
import definition, { analyticsInterface } from '../seeds/fixtures/seed-003.definition.js'
import implementation from '../seeds/fixtures/seed-003.loose.implementation.js'

/** An analytics service behind the seed's `analytics-service` interface, remembering what it tracked. */
function trackerPackage(tracked: string[]) {
  const tracker = new IntegrationDefinition({ name: 'tracker', version: '1.0.0', entities: {} }).extend(analyticsInterface, () => ({ entities: {} }))
  const trackerImplementation = new IntegrationImplementation({
    actions: {
      trackEvent: ({ input }) => {
        tracked.push(`${input.event} for ${input.userId}`)
        return { id: `t${tracked.length}` }
      },
    },
    channels: {},
  })
  return { definition: tracker, implementation: trackerImplementation }
}

function seedBot(tracked: string[], seen: string[]) {
  const bot = new BotDefinition({})
  bot.addIntegration(trackerPackage(tracked), { alias: 'tracker' })
  bot.addPlugin({ definition, implementation }, { alias: 'analytics', dependencies: { analytics: { integrationAlias: 'tracker', integrationInterfaceAlias: 'analytics-service' } } })
  const botImplementation = new BotImplementation({ actions: {} })
  botImplementation.on.message('text', ({ message }) => void seen.push(`bot sees segment=${message.tags['segment']}`))
  return { definition: bot, implementation: botImplementation }
}

async function userWithSession(bot: TestBot, eventCount: number) {
  const user = await bot.user({ tags: { segment: 'premium' } })
  await bot.setState('user', user.id, 'analytics:userSession', { eventCount })
  return user
}

describe('seed 003, the complete example, running', () => {
  let bot: TestBot
  afterEach(() => bot?.stop())

  it('tracks each message through the interface, counts it in the session, and emits eventTracked', async () => {
    const tracked: string[] = []
    bot = await createTestBot(seedBot(tracked, []))
    const user = await userWithSession(bot, 10)
    const conversation = await bot.conversation({ user })
    await conversation.send('hello')
    expect(tracked).toEqual([`message_received for ${user.id}`, `message_processed for ${user.id}`])
    expect(await bot.getState('user', user.id, 'analytics:userSession')).toEqual({ eventCount: 12 })
    const emitted = await bot.events('analytics:eventTracked')
    expect(emitted.map((event) => event.payload)).toEqual([
      { eventName: 'message_received', userId: user.id, properties: { type: 'text', conversationId: conversation.id }, timestamp: expect.any(String) },
      { eventName: 'message_processed', userId: user.id, properties: { type: 'text' }, timestamp: expect.any(String) },
    ])
    const logs = (await bot.logs()).filter((log) => log.source === 'analytics').map((log) => `${log.audience} ${log.level} ${log.message}`)
    expect(logs).toEqual([
      'bot debug Tracking message', 'bot info Tracking event: message_received', 'bot info Tracking event: message_processed',
    ])
  })

  it('adds the user\'s segment as a tag in the before hook, visible to later handlers and stored', async () => {
    const seen: string[] = []
    bot = await createTestBot(seedBot([], seen))
    const user = await userWithSession(bot, 0)
    const { message } = await (await bot.conversation({ user })).send('hi')
    expect(seen).toEqual(['bot sees segment=premium'])
    expect(message.tags).toEqual({ segment: 'premium' })
  })

  it('tracks an order placed, from its own event', async () => {
    const tracked: string[] = []
    bot = await createTestBot(seedBot(tracked, []))
    const user = await userWithSession(bot, 1)
    await bot.emit('analytics:orderPlaced', { userId: user.id, orderId: 'o-1', amount: 42 })
    expect(tracked).toEqual([`order_placed for ${user.id}`])
    expect(await bot.getState('user', user.id, 'analytics:userSession')).toEqual({ eventCount: 2 })
    expect((await bot.logs()).map((log) => log.message)).toContain('Order placed, tracking...')
  })

  it('hears the interface\'s itemCreated event from the integration that backs it', async () => {
    bot = await createTestBot(seedBot([], []))
    await bot.emit('tracker:itemCreated', { itemId: 'i-1' })
    expect((await bot.logs()).map((log) => log.message)).toContain('Item created via interface')
  })

  it('reports stats from its bot state', async () => {
    bot = await createTestBot(seedBot([], []))
    await bot.setState('bot', 'global', 'analytics:analytics', { totalEvents: 7, lastReset: '2026-01-01' })
    expect(await bot.callAction('analytics:getStats', {})).toEqual({ totalEvents: 7, period: 'since 2026-01-01' })
  })

  it('names the field when the action gets a bad input', async () => {
    bot = await createTestBot(seedBot([], []))
    await expect(bot.callAction('analytics:trackEvent', { event: 1, userId: 'u' })).rejects.toThrow(
      'action "analytics:trackEvent" input.event: Expected string, received number',
    )
  })

  it('records the failure and keeps the message when the session was never set', async () => {
    bot = await createTestBot(seedBot([], []))
    const exchange = await bot.send('no session yet')
    expect(exchange.failures.map((failure) => failure.handler)).toEqual([`on.message('*')`, `on.afterIncomingMessage('*')`])
    expect(exchange.failures[0]?.error.message).toMatch(/state "analytics:userSession" of user "user_\w+" is not set/)
    expect(exchange.message.payload).toEqual({ text: 'no session yet' })
  })
})
