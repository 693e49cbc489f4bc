import { BotDefinition, BotImplementation, PluginDefinition, PluginImplementation, z, type ActionableWorkflow } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { createTestBot } from '../src/testing/index.js'

// Botpress's props beside Parley's, as a plugin written against Botpress's SDK reaches them.

const reviews = new PluginDefinition({
  name: 'reviews', version: '1.0.0',
  actions: {
    open: { input: { schema: z.object({ ticket: z.string() }) }, output: { schema: z.object({ id: z.string(), created: z.boolean() }) } },
    report: { input: { schema: z.object({}) }, output: { schema: z.any() } },
  },
  workflows: {
    review: { input: { schema: z.object({ ticket: z.string() }) }, output: { schema: z.object({ verdict: z.string() }) }, tags: { ticket: {} } },
  },
})

const implementation = new PluginImplementation({
  actions: {
    open: async ({ input, workflows }) => {
      const { workflow, created } = await workflows.review.getOrCreateInstance({ input, tags: { ticket: input.ticket } })
      return { id: workflow.id, created }
    },
    report: async ({ workflows, users, conversations, messages, ctx }) => {
      const running = await workflows.review.listInstances.running()
      const finished = await workflows.review.listInstances({ statuses: ['completed'] }).takeAll()
      const user = await users.getById({ id: ctx.userId })
      const renamed = await user.update({ name: 'Renamed' })
      const chat = await conversations['*']['*'].getById({ id: ctx.conversationId })
      await chat.send({ type: 'text', payload: { text: 'from the report' } })
      // Untyped code gets Botpress's props as optional (a runtime may predate them); this one has them.
      const texts = (await messages!.list({ conversationId: ctx.conversationId }).takeAll()).map((m) => m.payload['text'])
      const webchat = await conversations['*']['*'].list().takeAll()
      return {
        running: running.workflows.map((w: ActionableWorkflow) => w.tags['ticket']), finished: finished.map((w: ActionableWorkflow) => w.output),
        name: renamed.name, texts, conversations: webchat.map((c: { integration: string }) => c.integration),
      }
    },
  },
  on: (plugin) => {
    plugin.workflowStart('review', async ({ workflow }) => {
      if (workflow.input.ticket === 'quick') await workflow.setCompleted!({ output: { verdict: 'ok' } })
      else await workflow.update!({ tags: { stage: 'waiting' } })
    })
  },
})

async function start() {
  const definition = new BotDefinition({}).addPlugin({ definition: reviews, implementation }, {})
  return createTestBot({ definition, implementation: new BotImplementation({ actions: {} }) })
}

describe('Botpress handler props', () => {
  it('get an unfinished workflow run by its tags or start one, and list runs by status group', async () => {
    const bot = await start()
    try {
      const first = await bot.callAction('reviews:open', { ticket: 't1' })
      expect(first.created).toBe(true)
      expect(await bot.callAction('reviews:open', { ticket: 't1' })).toEqual({ id: first.id, created: false })
      expect((await bot.client.getWorkflow({ id: first.id })).workflow).toMatchObject({ status: 'in_progress', tags: { ticket: 't1', stage: 'waiting' } })
      await bot.callAction('reviews:open', { ticket: 'quick' })
      const chat = await bot.conversation()
      await chat.send('hello')
      const user = (await bot.client.listUsers()).users[0]!
      const report = await bot.callAction('reviews:report', {}, { conversationId: chat.id, userId: user.id })
      expect(report).toEqual({ running: ['t1'], finished: [{ verdict: 'ok' }], name: 'Renamed', texts: ['hello', 'from the report'], conversations: [''] })
      expect(await bot.failures()).toEqual([])
    } finally {
      await bot.stop()
    }
  })
})

describe('handler props', () => {
  const PROPS = ['client', 'ctx', 'logger', 'configuration', 'alias', 'actions', 'states', 'events', 'tables', 'workflows', 'users', 'conversations', 'messages', 'interfaces', 'integrations', 'kv']

  it('spread, destructure and assign as a plain object, each prop made once and working from a copy', async () => {
    const seen: Record<string, unknown> = {}
    const definition = new BotDefinition({ states: { counter: { type: 'conversation', schema: z.object({ n: z.number() }) } } })
    const implementation = new BotImplementation({ actions: {} })
    implementation.on.message('text', async (props) => {
      const copy = { ...props }
      const { states, client, ctx } = props
      seen['spread'] = PROPS.filter((name) => typeof (copy as Record<string, unknown>)[name] === 'undefined')
      seen['keys'] = Object.keys(props)
      seen['same'] = props.states === states && copy.client === client && props.kv === props.kv
      await copy.states.counter.set({ id: ctx.conversationId, payload: { n: 7 } })
      seen['read'] = (await states.counter.get({ id: ctx.conversationId })).state.payload
      const logger = props.logger
      ;(props as { logger: unknown }).logger = 'replaced'
      seen['assigned'] = [props.logger, typeof logger.info]
    })
    const bot = await createTestBot({ definition, implementation })
    try {
      await (await bot.conversation()).send('hi')
      expect(seen).toEqual({ spread: [], keys: expect.arrayContaining(PROPS), same: true, read: { n: 7 }, assigned: ['replaced', 'function'] })
      expect(await bot.failures()).toEqual([])
    } finally {
      await bot.stop()
    }
  })
})
