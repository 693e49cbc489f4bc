import { BotDefinition, BotImplementation, PluginDefinition, PluginImplementation, z } from '@parley/sdk'
import { createTestBot } from '@parley/runtime/testing'
import { describe, expect, it } from 'vitest'

// A knowledge-base plugin written as Botpress plugin code calls its client: a table it creates at run time,
// indexed files it searches, usage counters, and the conversation it forgets on request.

const definition = new PluginDefinition({
  name: 'kb',
  version: '1.0.0',
  actions: {
    importArticles: {
      input: { schema: z.object({ articles: z.array(z.object({ slug: z.string(), title: z.string(), body: z.string() })) }) },
      output: { schema: z.object({ imported: z.number() }) },
    },
    ask: {
      input: { schema: z.object({ question: z.string() }) },
      output: { schema: z.object({ answer: z.string(), slug: z.string(), score: z.number() }) },
    },
  },
})

const TABLE = 'kbArticlesTable'

const implementation = new PluginImplementation({
  actions: {
    importArticles: async ({ input, client }) => {
      await client.createTable({ name: TABLE, schema: { type: 'object', properties: { slug: { type: 'string' }, title: { type: 'string' }, fileId: { type: 'string' } } } })
      for (const article of input.articles) {
        const { file } = await client.uploadFile({ key: `kb/${article.slug}.md`, content: `# ${article.title}\n\n${article.body}`, contentType: 'text/markdown', index: true, tags: { kb: 'help', slug: article.slug } })
        await client.upsertTableRows({ table: TABLE, keyColumn: 'slug', rows: [{ slug: article.slug, title: article.title, fileId: file.id }] })
      }
      await client.trackAnalytics({ name: 'kb:articlesImported', count: input.articles.length })
      return { imported: input.articles.length }
    },
    ask: async ({ input, client }) => {
      const { passages } = await client.searchFiles({ query: input.question, tags: { kb: 'help' }, limit: 3 })
      const best = passages[0]
      if (!best) return { answer: '', slug: '', score: 0 }
      const { rows } = await client.findTableRows({ table: TABLE, filter: { fileId: { $eq: best.file.id } } })
      await client.trackAnalytics({ name: 'kb:questionsAnswered' })
      return { answer: best.content, slug: String(rows[0]?.['slug']), score: best.score }
    },
  },
})
implementation.on.message('*', async ({ message, client, ctx }) => {
  const text = (message.payload as { text?: string }).text ?? ''
  if (text === 'forget me') {
    await client.deleteConversation({ id: ctx.conversationId })
    await client.deleteUser({ id: ctx.userId })
    return
  }
  await client.createMessage({ conversationId: ctx.conversationId, userId: ctx.userId, type: 'text', payload: { text: `noted: ${text}` } })
})

const articles = [
  { slug: 'refunds', title: 'Refunds', body: 'Refunds are paid back to your card within five working days.' },
  { slug: 'shipping', title: 'Shipping', body: 'Parcels ship from our warehouse every weekday and arrive within a week.' },
]

async function start() {
  const bot = new BotDefinition({}).addPlugin({ definition, implementation }, { alias: 'kb' })
  return createTestBot({ definition: bot, implementation: new BotImplementation({ actions: {} }) })
}

describe('a Botpress knowledge-base-style plugin', () => {
  it('imports articles into a run-time table and indexed files, answers from them, and counts both', async () => {
    const bot = await start()
    try {
      expect(await bot.callAction('kb:importArticles', { articles })).toEqual({ imported: 2 })
      expect(await bot.callAction('kb:importArticles', { articles })).toEqual({ imported: 2 })
      expect((await bot.client.findTableRows({ table: TABLE })).total).toBe(2)

      const answer = await bot.callAction('kb:ask', { question: 'When will my refund be paid?' })
      expect(answer).toMatchObject({ slug: 'refunds', answer: expect.stringContaining('five working days') })
      expect(answer.score).toBeGreaterThan(0)
      expect(await bot.callAction('kb:ask', { question: 'parcel arriving' })).toMatchObject({ slug: 'shipping' })

      const { analytics } = await bot.client.listAnalytics({ prefix: 'kb:' })
      expect(analytics.map((counter) => [counter.name, counter.count])).toEqual([['kb:articlesImported', 4], ['kb:questionsAnswered', 2]])
      expect(await bot.failures()).toEqual([])
    } finally {
      await bot.stop()
    }
  })

  it('forgets a conversation and its user when asked, keeping others', async () => {
    const bot = await start()
    try {
      const kept = await bot.conversation()
      await kept.send('hello')
      const forgotten = await bot.conversation()
      await forgotten.send('remember this')
      await bot.runtime.receiveMessage({ conversationId: forgotten.id, userId: forgotten.user.id, type: 'text', payload: { text: 'forget me' } })
      await bot.settle()
      await expect(bot.client.getConversation({ id: forgotten.id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await expect(bot.client.getUser({ id: forgotten.user.id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect(await kept.transcript()).toEqual(['user: hello', 'bot: noted: hello'])
      expect(await bot.failures()).toEqual([])
    } finally {
      await bot.stop()
    }
  })
})
