import { BotDefinition, BotImplementation } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { createTestBot } from '../src/testing/index.js'
import { tracingPlugin } from './support/plugins.js'

function botWith(trace: string[], plugins: ReturnType<typeof tracingPlugin>[]) {
  const definition = new BotDefinition({})
  for (const plugin of plugins) definition.addPlugin(plugin, {})
  const implementation = new BotImplementation({ actions: {} })
  implementation.on.beforeIncomingMessage('*', ({ data }) => void trace.push(`bot before ${data.type}`))
  implementation.on.message('text', async ({ message, client, ctx }) => {
    trace.push(`bot message tags=${JSON.stringify(message.tags)}`)
    await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: `got ${message.payload.text}` } })
  })
  implementation.on.message('image', () => void trace.push('bot image'))
  implementation.on.afterIncomingMessage('*', ({ data }) => void trace.push(`bot after ${data.type}`))
  return { definition, implementation }
}

describe('an incoming message', () => {
  it('runs before-hooks, handlers and after-hooks: plugins in the order added, then the bot', async () => {
    const trace: string[] = []
    const bot = await createTestBot(botWith(trace, [tracingPlugin('first', trace), tracingPlugin('second', trace)]))
    const { texts } = await bot.send('hi')
    expect(texts).toEqual(['got hi'])
    expect(trace).toEqual([
      'first before text', 'second before text', 'bot before text',
      'first message text tags={}', 'second message text tags={}', 'bot message tags={}',
      'first after text', 'second after text', 'bot after text',
    ])
    await bot.stop()
  })

  it('selects handlers by message type, with * for every type', async () => {
    const trace: string[] = []
    const bot = await createTestBot(botWith(trace, [tracingPlugin('first', trace)]))
    await bot.send({ type: 'image', payload: { imageUrl: 'https://example.com/a.png' } })
    expect(trace.filter((line) => line.includes(' message ') || line === 'bot image')).toEqual(['first message image tags={}', 'bot image'])
    await bot.stop()
  })

  it('lets a before-hook replace the data, keep tags others wrote, or stop the handlers', async () => {
    const trace: string[] = []
    const tagger = tracingPlugin('tagger', trace, {
      before: (data) => {
        data.tags.inPlace = 'yes'
      },
    })
    const replacer = tracingPlugin('replacer', trace, {
      before: (data) => ({ data: { ...data, payload: { text: 'replaced' }, tags: { replaced: 'yes' } } }),
    })
    const bot = await createTestBot(botWith(trace, [tagger, replacer]))
    const exchange = await bot.send('original')
    expect(exchange.texts).toEqual(['got replaced'])
    expect(exchange.message.tags).toEqual({ inPlace: 'yes', replaced: 'yes' })
    expect(trace).toContain('bot message tags={"inPlace":"yes","replaced":"yes"}')
    await bot.stop()

    const stopTrace: string[] = []
    const stopper = tracingPlugin('stopper', stopTrace, { before: (data) => ({ data, stop: true }) })
    const stopped = await createTestBot(botWith(stopTrace, [stopper]))
    const result = await stopped.send('ignored')
    expect(result.stopped).toBe(true)
    expect(result.replies).toEqual([])
    expect(stopTrace).toEqual(['stopper before text'])
    expect(result.message.payload).toEqual({ text: 'ignored' })
    await stopped.stop()
  })

  it('rejects a payload that does not fit its message type, naming the field', async () => {
    const bot = await createTestBot(botWith([], []))
    await expect(bot.send({ type: 'text', payload: { text: 42 } })).rejects.toThrow('message "text" payload.text: Expected string, received number')
    await expect(bot.send({ type: 'hologram', payload: {} })).rejects.toThrow('channel "webchat" has no message type "hologram"; use one of "text", "markdown"')
    await bot.stop()
  })
})

describe('an outgoing message', () => {
  it('passes through the outgoing hooks and is stored', async () => {
    const implementation = new BotImplementation({ actions: {} })
    implementation.on.message('*', async ({ client, ctx }) => {
      await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: 'draft' } })
    })
    implementation.on.beforeOutgoingMessage('text', ({ data }) => ({ data: { ...data, payload: { text: `${data.payload.text}, edited` }, tags: { edited: 'yes' } } }))
    const seen: string[] = []
    implementation.on.afterOutgoingMessage('*', ({ data }) => void seen.push(`${data.id.slice(0, 4)} ${JSON.stringify(data.tags)}`))
    // Botpress's after-outgoing hook reads the message as data.message; the data itself stays the message.
    const read: unknown[] = []
    implementation.on.afterOutgoingMessage('text', ({ data }) => void read.push([data.message.conversationId === data.conversationId, data.message.payload, Object.keys(data).includes('message'), 'message' in JSON.parse(JSON.stringify(data))]))
    const bot = await createTestBot({ definition: new BotDefinition({}), implementation })
    const { replies } = await bot.send('hi')
    expect(replies.map((reply) => [reply.payload, reply.tags, reply.direction])).toEqual([[{ text: 'draft, edited' }, { edited: 'yes' }, 'outgoing']])
    expect(seen).toEqual(['msg_ {"edited":"yes"}'])
    expect(read).toEqual([[true, { text: 'draft, edited' }, false, false]])
    await bot.stop()
  })
})
