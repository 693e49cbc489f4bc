import { BotDefinition, BotImplementation, PluginDefinition, PluginImplementation } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { createTestBot } from '../src/testing/index.js'

const flaky = new PluginDefinition({ name: 'flaky', version: '1.0.0' })

function composed() {
  const plugin = new PluginImplementation({
    actions: {},
    on: (on) => {
      on.message('*', ({ message, logger }) => {
        logger.info('handling', message.type, { length: 3 })
        if ((message.payload as { text: string }).text === 'explode') throw new Error('the plugin broke')
      })
      on.beforeIncomingMessage('*', ({ data }) => {
        if ((data.payload as { text: string }).text === 'explode') throw new Error('the hook broke')
      })
    },
  })
  const definition = new BotDefinition({})
  definition.addPlugin({ definition: flaky, implementation: plugin }, {})
  const implementation = new BotImplementation({ actions: {} })
  implementation.on.message('text', async ({ message, client, ctx, logger }) => {
    logger.forBot().warn('replying to', message.payload.text)
    await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: `ok: ${message.payload.text}` } })
  })
  return { definition, implementation }
}

describe('faults', () => {
  it('record a throwing handler or hook against the message, which is kept, and go on', async () => {
    const bot = await createTestBot(composed())
    const conversation = await bot.conversation()
    const broken = await conversation.send('explode')
    expect(broken.texts).toEqual(['ok: explode'])
    expect(broken.failures.map((failure) => [failure.handler, failure.owner, failure.error.message])).toEqual([
      [`on.beforeIncomingMessage('*')`, 'plugin "flaky"', 'the hook broke'],
      [`on.message('*')`, 'plugin "flaky"', 'the plugin broke'],
    ])
    expect((await bot.runtime.failures({ messageId: broken.message.id })).map((failure) => failure.error.message)).toEqual(['the hook broke', 'the plugin broke'])
    expect((await conversation.send('fine')).texts).toEqual(['ok: fine'])
    expect(await conversation.transcript()).toEqual(['user: explode', 'bot: ok: explode', 'user: fine', 'bot: ok: fine'])
    await bot.stop()
  })

  it('store log records, linked to what was being handled', async () => {
    const bot = await createTestBot(composed())
    const { message } = await bot.send('hello')
    const logs = await bot.runtime.logs({ messageId: message.id })
    expect(logs.map((log) => [log.level, log.audience, log.source, log.message])).toEqual([
      ['info', 'developer', 'flaky', 'handling text { length: 3 }'],
      ['warn', 'bot', 'bot', 'replying to hello'],
    ])
    expect(logs[0]).toMatchObject({ conversationId: message.conversationId, userId: message.userId })
    await bot.stop()
  })
})
