import { BotDefinition, BotImplementation } from '@parley/sdk'
import { createTestBot } from '@parley/runtime/testing'
import { describe, expect, it } from 'vitest'
import handoff from '../../packages/cli/test/fixtures/projects/botpress-hitl/plugin.definition.js'
import { desk } from './support/desk.js'
import { fixturePlugin } from './support/fixtures.js'

const implementation = await fixturePlugin('botpress-hitl')

// The hitl-style fixture plugin (written as Botpress's hitl plugin is), run on a bot whose `hitl`
// interface is backed by a desk integration.

async function start() {
  const support = desk()
  const definition = new BotDefinition({})
    .addIntegration({ definition: support.definition, implementation: support.implementation }, { alias: 'desk' })
    .addPlugin({ definition: handoff, implementation }, {
      alias: 'handoff',
      configuration: { timeoutSeconds: 60, handoffMessage: 'An agent is on the way' },
      dependencies: { hitl: { integrationAlias: 'desk' } },
    })
  const bot = await createTestBot({ definition, implementation: new BotImplementation({ actions: {} }), integrations: { desk: support.implementation } })
  return { bot, support }
}

describe('a Botpress hitl-style plugin', () => {
  it('hands a conversation to a desk: grouped states, finders, interface actions, tags and scheduled events', async () => {
    const { bot, support } = await start()
    try {
      const user = await bot.user({ name: 'Ada', tags: {} })
      const chat = await bot.conversation({ user })
      await bot.callAction('handoff:startHandoff', { conversationId: chat.id, userId: user.id }, { conversationId: chat.id, userId: user.id })

      const session = await bot.getState('conversation', chat.id, 'handoff:session')
      expect(session).toMatchObject({ active: true })
      const downstreamId = (await bot.client.getConversation({ id: chat.id })).conversation.tags['downstream']!
      expect((await bot.client.getConversation({ id: downstreamId })).conversation).toMatchObject({ channel: 'desk:hitl', integration: 'support-desk', tags: { upstream: chat.id } })
      expect(await bot.getState('user', user.id, 'handoff:linkedUser')).toEqual({ downstreamId: expect.any(String) })
      expect(await chat.transcript()).toContain('bot: An agent is on the way')

      // The message hook receives the user and conversation, relays to the desk and stops the message.
      const relayed = await chat.send('my order is late')
      expect(relayed.texts).toEqual([])
      expect(support.shown).toEqual([{ conversationId: downstreamId, text: 'my order is late' }])
      // An agent's assignment: the hook speaks on the desk's channel as that agent, which hitl's text allows.
      const agent = await bot.user({ name: 'Grace', tags: {} })
      await bot.emit('desk:hitlAssigned', { conversationId: downstreamId, userId: agent.id })
      expect(support.shown).toContainEqual({ conversationId: downstreamId, text: 'An agent joined' })
      const logs = await bot.logs()
      expect(logs.find((record) => record.message.startsWith('relaying'))).toMatchObject({ source: 'handoff', conversationId: chat.id, data: { user: user.id, from: 'webchat' } })

      // The event scheduled with `withConversationId(…).schedule(…, { delay })` waits for its minute (jobs
      // run here only when the test moves the clock), then closes the session.
      expect(await bot.events('handoff:agentTimeout')).toEqual([expect.objectContaining({ conversationId: chat.id, userId: user.id })])
      expect(await bot.getState('conversation', chat.id, 'handoff:session')).toMatchObject({ active: true })
      await bot.advance('61s')
      expect(await bot.getState('conversation', chat.id, 'handoff:session')).toMatchObject({ active: false })

      // The desk's `hitlStopped` reaches the plugin as `hitl:hitlStopped`, which deletes the state.
      await bot.emit('desk:hitlStopped', { conversationId: chat.id })
      expect(await bot.getState('conversation', chat.id, 'handoff:session')).toBeUndefined()
      expect(await bot.failures()).toEqual([])
    } finally {
      await bot.stop()
    }
  })
})
