import { BotDefinition, PluginDefinition, z, toJsonSchema } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import analytics from './fixtures/analytics.definition.js'
import anthropic from './fixtures/anthropic.js'
import claudeAssistant from './fixtures/claude-assistant.definition.js'
import crm from './fixtures/crm.definition.js'
import onboarding from './fixtures/onboarding.definition.js'
import scheduler from './fixtures/scheduler.definition.js'
import sentimentAnalysis from './fixtures/sentiment-analysis.definition.js'
import simpleAnalytics from './fixtures/simple-analytics.definition.js'
import summarizer from './fixtures/summarizer.definition.js'

/** Seed 002, "Installing Plugins in Bots", as written (import paths changed). */
function seedBot() {
  process.env.ANTHROPIC_API_KEY = 'sk-test'
  const bot = new BotDefinition({})
  // First, add integrations that implement required interfaces
  bot.addIntegration(anthropic, {
    alias: 'llm',
    configuration: {
      apiKey: process.env.ANTHROPIC_API_KEY,
    },
  })
  // Then add the plugin and wire dependencies
  bot.addPlugin(analytics, {
    alias: 'analytics',
    configuration: {
      trackingEnabled: true,
      sampleRate: 1.0,
    },
    dependencies: {
      // Map plugin interface to integration
      llm: {
        integrationAlias: 'llm', // Bot's integration alias
        integrationInterfaceAlias: 'llm', // Integration's interface alias
      },
    },
  })
  return bot
}

const json = (schema: z.ZodTypeAny | undefined) => (schema ? toJsonSchema(schema) : undefined)

describe('seed 002: the bot that adds anthropic and analytics', () => {
  it('prefixes the plugin\'s states, events and actions with its alias', () => {
    const bot = seedBot()
    expect(Object.keys(bot.states)).toEqual(['analytics:metrics', 'analytics:userMetrics'])
    expect(Object.keys(bot.actions)).toEqual([
      'llm:countTokens', 'llm:generateContent', 'llm:listLanguageModels', 'analytics:trackEvent', 'analytics:getMetrics',
    ])
    expect(Object.keys(bot.events)).toEqual(['analytics:metricRecorded', 'analytics:thresholdExceeded'])
    expect(bot.states['analytics:userMetrics']?.type).toBe('user')
    expect(bot.actions['analytics:trackEvent']?.origin).toEqual({ kind: 'plugin', alias: 'analytics', packageName: 'analytics' })
  })

  it('keeps each entity\'s schema', () => {
    const bot = seedBot()
    expect(bot.actions['analytics:trackEvent']?.input.schema.parse({ name: 'x' })).toEqual({ name: 'x' })
    expect(() => bot.actions['analytics:trackEvent']?.input.schema.parse({ name: 1 })).toThrow(/name/)
    expect(json(bot.states['analytics:metrics']?.schema)).toMatchObject({
      required: ['totalMessages', 'totalTokens', 'lastReset'],
    })
  })

  it('merges tables and tags without a prefix', () => {
    const bot = seedBot()
    expect(Object.keys(bot.tables)).toEqual(['events'])
    expect(bot.tables.events?.indexes).toEqual(['eventName', 'userId', 'timestamp'])
    expect(bot.user.tags).toHaveProperty('analyticsId.title', 'Analytics User ID')
    expect(bot.conversation.tags).toHaveProperty('sessionId.title', 'Analytics Session ID')
    expect(bot.message.tags).toHaveProperty('tracked.title', 'Analytics Tracked')
  })

  it('applies the configuration and records how the llm dependency is wired', () => {
    const bot = seedBot()
    expect(bot.plugins.analytics?.configuration).toEqual({ trackingEnabled: true, sampleRate: 1 })
    expect(bot.integrations.llm?.configuration).toEqual({ apiKey: 'sk-test' })
    expect(bot.plugins.analytics?.interfaces.llm).toMatchObject({
      integrationAlias: 'llm',
      integrationInterfaceAlias: 'llm',
      actions: { generateContent: 'llm:generateContent', listLanguageModels: 'llm:listLanguageModels' },
    })
  })

  it('gives the integration\'s llm actions its concrete model reference', () => {
    const bot = seedBot()
    const generate = bot.actions['llm:generateContent']!.input.schema
    expect(generate.safeParse({ model: { id: 'claude-haiku', family: 'claude' }, messages: [{ role: 'user', content: 'hi' }] }).success).toBe(true)
    expect(generate.safeParse({ model: { id: 'gpt-4' }, messages: [{ role: 'user', content: 'hi' }] }).success).toBe(false)
  })
})

describe('seed 002: interface entities', () => {
  function botWith(plugin: typeof sentimentAnalysis | typeof summarizer) {
    return new BotDefinition({})
      .addIntegration(anthropic, { alias: 'llm', configuration: {} })
      .addPlugin(plugin, { alias: plugin.name, dependencies: { llm: { integrationAlias: 'llm', integrationInterfaceAlias: 'llm' } } })
  }

  it('resolves sentiment-analysis\'s entities.llm.modelRef to the backing integration\'s model schema', () => {
    const input = botWith(sentimentAnalysis).actions['sentiment-analysis:analyzeSentiment']!.input.schema
    expect(input.safeParse({ text: 'great', model: { id: 'claude-sonnet', family: 'claude' } }).success).toBe(true)
    const wrong = input.safeParse({ text: 'great', model: { id: 'claude-sonnet' } })
    expect(wrong.success).toBe(false)
    expect(wrong.error?.issues[0]?.path).toEqual(['model', 'family'])
  })

  it('resolves summarizer\'s model to the same concrete schema', () => {
    const input = botWith(summarizer).actions['summarizer:summarize']!.input.schema
    expect(json(input)).toMatchObject({ properties: { model: { properties: { family: { enum: ['claude'] } } } } })
  })

  it('dereferences entities to the interface\'s base schema, open to more properties on request', () => {
    const closed = sentimentAnalysis.dereferenceEntities()
    expect(closed).toBeInstanceOf(PluginDefinition)
    const strictInput = closed.actions.analyzeSentiment.input.schema
    expect(strictInput.parse({ text: 'a', model: { id: 'any-model', extra: 1 } })).toEqual({ text: 'a', model: { id: 'any-model' } })
    const open = sentimentAnalysis.dereferenceEntities({ intersectWithUnknownRecord: true })
    const openInput = open.actions.analyzeSentiment.input.schema
    expect(openInput.parse({ text: 'a', model: { id: 'any-model', extra: 1 } })).toEqual({ text: 'a', model: { id: 'any-model', extra: 1 } })
  })
})

describe('seed 002: the other examples compose', () => {
  it('claude-assistant resolves its direct anthropic dependency to the bot\'s integration', () => {
    const bot = new BotDefinition({})
      .addIntegration(anthropic, { alias: 'claude', configuration: {} })
      .addPlugin(claudeAssistant, { alias: 'assistant', dependencies: { anthropic: { integrationAlias: 'claude' } } })
    expect(bot.plugins.assistant?.integrations).toEqual({ anthropic: { integrationAlias: 'claude' } })
    expect(Object.keys(bot.actions)).toContain('assistant:askClaude')
  })

  it('crm merges both tables with their indexes', () => {
    const bot = new BotDefinition({}).addPlugin(crm, { alias: 'crm' })
    expect(Object.keys(bot.tables)).toEqual(['customers', 'interactions'])
    expect(bot.tables.customers?.indexes).toEqual(['email', 'customerId'])
    expect(bot.tables.customers?.schema.safeParse({ customerId: 'c', email: 'nope', name: 'n', tags: [], metadata: {} }).success).toBe(false)
  })

  it('scheduler\'s recurring event emits its prefixed event', () => {
    const bot = new BotDefinition({}).addPlugin(scheduler, { alias: 'reports' })
    expect(bot.recurringEvents['reports:dailyReport']).toMatchObject({ type: 'reports:dailyReport', schedule: { cron: '0 9 * * *' } })
    expect(Object.keys(bot.events)).toEqual(['reports:dailyReport'])
  })

  it('onboarding\'s workflow merges flat', () => {
    const bot = new BotDefinition({}).addPlugin(onboarding, { alias: 'onboarding' })
    expect(bot.workflows.userOnboarding?.title).toBe('User Onboarding')
    expect(bot.workflows.userOnboarding?.input.schema.safeParse({ userId: 'u', plan: 'pro' }).success).toBe(true)
  })

  it('the simple analytics plugin prefixes "track" as "analytics:track"', () => {
    const bot = new BotDefinition({}).addPlugin(simpleAnalytics, { alias: 'analytics', configuration: {} })
    expect(Object.keys(bot.actions)).toEqual(['analytics:track'])
  })

  it('all of them compose into one bot', () => {
    const bot = seedBot()
      .addPlugin(sentimentAnalysis, { alias: 'sentiment', dependencies: { llm: { integrationAlias: 'llm', integrationInterfaceAlias: 'llm' } } })
      .addPlugin(summarizer, { alias: 'summarizer', dependencies: { llm: { integrationAlias: 'llm', integrationInterfaceAlias: 'llm' } } })
      .addPlugin(claudeAssistant, { alias: 'assistant', dependencies: { anthropic: { integrationAlias: 'llm' } } })
      .addPlugin(crm, { alias: 'crm' })
      .addPlugin(scheduler, { alias: 'scheduler' })
      .addPlugin(onboarding, { alias: 'onboarding' })
    expect(Object.keys(bot.plugins)).toEqual(['analytics', 'sentiment', 'summarizer', 'assistant', 'crm', 'scheduler', 'onboarding'])
    expect(Object.keys(bot.tables).sort()).toEqual(['customers', 'events', 'interactions'])
    expect(Object.keys(bot.actions)).toEqual(expect.arrayContaining(['sentiment:analyzeSentiment', 'summarizer:summarize', 'assistant:askClaude']))
  })
})
