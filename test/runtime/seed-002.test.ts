import { BotDefinition, PluginDefinition, z } from '@parley/sdk'
import { createTestBot, scriptedLlm, type TestBot } from '@parley/runtime/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import analytics from '../seeds/fixtures/analytics.definition.js'
import analyticsImplementation from '../seeds/fixtures/analytics.implementation.js'
import anthropic from '../seeds/fixtures/anthropic.js'
import botImplementation from '../seeds/fixtures/bot.implementation.js'
import crm from '../seeds/fixtures/crm.definition.js'
import crmImplementation from '../seeds/fixtures/crm.implementation.js'
import { eventHandlers, hooks } from '../seeds/fixtures/hooks.implementation.js'
import sentimentAnalysis from '../seeds/fixtures/sentiment-analysis.definition.js'
import sentimentImplementation from '../seeds/fixtures/sentiment-analysis.implementation.js'

/** The seed's crm implementation serves `getCustomer`, which its definition leaves out: declared here. */
const crmWithLookup = new PluginDefinition({
  ...crm.props,
  actions: {
    getCustomer: {
      input: { schema: z.object({ email: z.string() }) },
      output: { schema: z.object({ customerId: z.string(), email: z.string(), name: z.string() }).passthrough() },
    },
  },
})

/** Seed 002's bot ("Installing Plugins in Bots") with the seed's implementations, and an LLM that follows a script. */
function seedBot() {
  const llm = scriptedLlm({ reply: ({ messages }) => (/love/.test(String(messages.at(-1)?.content ?? '')) ? 'This is great, I love it' : 'meh') })
  const definition = new BotDefinition({})
  definition.addIntegration(anthropic, { alias: 'llm', configuration: { apiKey: 'sk-test' } })
  definition.addPlugin({ definition: analytics, implementation: analyticsImplementation }, {
    alias: 'analytics', configuration: { trackingEnabled: true, sampleRate: 1.0 }, dependencies: { llm: { integrationAlias: 'llm', integrationInterfaceAlias: 'llm' } },
  })
  definition.addPlugin({ definition: sentimentAnalysis, implementation: sentimentImplementation }, { alias: 'sentiment', dependencies: { llm: { integrationAlias: 'llm' } } })
  definition.addPlugin({ definition: crmWithLookup, implementation: crmImplementation }, {})
  return { definition, implementation: botImplementation, integrations: { llm: llm.implementation }, llm }
}

async function seededUser(bot: TestBot) {
  const user = await bot.user()
  await bot.setState('user', user.id, 'analytics:userMetrics', { messageCount: 0, firstSeen: 'before', lastSeen: 'before' })
  return user
}

describe('seed 002 implementations, running', () => {
  let bot: TestBot
  afterEach(() => bot?.stop())

  it('tracks every message: the plugin\'s message handler and the bot\'s both call analytics:trackEvent', async () => {
    bot = await createTestBot(seedBot())
    const user = await seededUser(bot)
    const conversation = await bot.conversation({ user })
    await conversation.send('hello')
    const rows = await bot.rows('events')
    expect(rows.map((row) => [row['eventName'], row['userId'], row['properties']])).toEqual([
      ['message_received', user.id, { messageType: 'text', conversationId: conversation.id }],
      ['user_message', user.id, { text: 'hello' }],
    ])
    const metrics = await bot.getState('user', user.id, 'analytics:userMetrics')
    expect(metrics).toMatchObject({ messageCount: 1, lastSeen: expect.stringMatching(/^\d{4}-/) })
    expect(await bot.callAction('analytics:getMetrics', { timeRange: 'day' })).toEqual({ totalMessages: 2, activeUsers: 1, avgResponseTime: 1 })
  })

  it('analyzes sentiment through the llm interface, backed by the bot\'s LLM integration', async () => {
    const composed = seedBot()
    bot = await createTestBot(composed)
    const model = { id: 'claude-haiku', family: 'claude' }
    expect(await bot.callAction('sentiment:analyzeSentiment', { text: 'I love this', model })).toEqual({ sentiment: 'positive', score: 0.24 })
    expect(composed.llm.calls.map((call) => call.messages[0]?.content)).toEqual(['Analyze the sentiment of: I love this '])
    await expect(bot.callAction('sentiment:analyzeSentiment', { text: 'x', model: { id: 'gpt-4' } })).rejects.toThrow(
      /action "sentiment:analyzeSentiment" input.model.id: Invalid enum value. Expected 'claude-sonnet' \| 'claude-haiku', received 'gpt-4'/,
    )
  })

  it('warns when analytics:thresholdExceeded arrives: the plugin\'s event handler sees its own event after its name', async () => {
    bot = await createTestBot(seedBot())
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      await bot.emit('analytics:thresholdExceeded', { threshold: 'messages', currentValue: 12, maxValue: 10 })
      expect(warn).toHaveBeenCalledWith('Threshold exceeded:', { threshold: 'messages', currentValue: 12, maxValue: 10 })
    } finally {
      warn.mockRestore()
    }
  })

  it('finds a customer in the crm table, which its actions name `crm:customers`', async () => {
    bot = await createTestBot(seedBot())
    await bot.client.createTableRows({ table: 'customers', rows: [{ customerId: 'c1', email: 'ada@example.com', name: 'Ada', tags: [], metadata: {} }] })
    expect(await bot.callAction('crm:getCustomer', { email: 'ada@example.com' })).toMatchObject({ customerId: 'c1', name: 'Ada' })
  })

  it('runs the hook plugins: a before hook tags the message in place; handlers see every message and event', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    try {
      const composed = seedBot()
      composed.definition.addPlugin({ definition: new PluginDefinition({ name: 'tagger', version: '1.0.0' }), implementation: hooks }, {})
      composed.definition.addPlugin({ definition: new PluginDefinition({ name: 'watcher', version: '1.0.0' }), implementation: eventHandlers }, {})
      bot = await createTestBot(composed)
      const user = await seededUser(bot)
      const { message } = await (await bot.conversation({ user })).send('hi')
      expect(message.tags).toEqual({ processed: 'true' })
      await bot.emit('analytics:metricRecorded', { metricName: 'm', value: 1, timestamp: 'now' })
      const lines = log.mock.calls.map((call) => call.join(' '))
      expect(lines).toEqual(['Message received: text', `Message processed: ${message.id}`, 'Event received: analytics:metricRecorded'])
    } finally {
      log.mockRestore()
    }
  })
})
