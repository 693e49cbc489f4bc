import type { Message } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../http/testing/test-server.js'
import { openWebchat } from './webchat-client.js'

let t: TestServer
beforeAll(async () => {
  t = await startTestServer({ keepAliveMs: 50 })
})
afterAll(() => t.close())

/** Collects streamed messages and resolves once `count` have come. */
function collector(count: number) {
  const seen: Message[] = []
  let done = () => {}
  const all = new Promise<Message[]>((resolve) => (done = () => resolve(seen)))
  return { listener: (message: Message) => (seen.push(message), seen.length === count && done()), all, seen }
}

describe('the web chat over HTTP and server-sent events', () => {
  it("streams the bot's replies as they are created", async () => {
    const chat = await openWebchat({ url: t.url, botId: 'fixture', name: 'Ada' })
    const replies = collector(2)
    const subscription = await chat.subscribe(replies.listener)
    await chat.send({ type: 'text', payload: { text: 'hi' } })
    await chat.send({ type: 'text', payload: { text: 'menu' } })
    const [echo, menu] = await replies.all
    expect(echo).toMatchObject({ direction: 'outgoing', type: 'text', payload: { text: 'echo: hi' }, conversationId: chat.session.conversation.id })
    expect(menu).toMatchObject({ type: 'choice', payload: { options: [{ value: 'tea' }, { value: 'coffee' }] } })
    subscription.close()
    await subscription.ended
  })

  it("keeps each conversation's messages to its own stream, through keep-alive comments", async () => {
    const [mine, theirs] = await Promise.all([openWebchat({ url: t.url, botId: 'fixture' }), openWebchat({ url: t.url, botId: 'fixture' })])
    const myReplies = collector(1)
    const theirReplies = collector(1)
    const subscriptions = await Promise.all([mine.subscribe(myReplies.listener), theirs.subscribe(theirReplies.listener)])
    await new Promise((resolve) => setTimeout(resolve, 120))
    await mine.send({ type: 'text', payload: { text: 'mine' } })
    await theirs.send({ type: 'text', payload: { text: 'theirs' } })
    expect((await myReplies.all).map((m) => m.payload)).toEqual([{ text: 'echo: mine' }])
    expect((await theirReplies.all).map((m) => m.payload)).toEqual([{ text: 'echo: theirs' }])
    subscriptions.forEach((subscription) => subscription.close())
  })

  it('lists the history, and resumes the session from its key', async () => {
    const chat = await openWebchat({ url: t.url, botId: 'fixture' })
    await chat.send({ type: 'text', payload: { text: 'remember me' } })
    const again = await openWebchat({ url: t.url, botId: 'fixture', userKey: chat.session.userKey })
    expect(again.session.conversation.id).toBe(chat.session.conversation.id)
    expect((await again.messages()).map((m) => [m.direction, m.payload])).toEqual([['incoming', { text: 'remember me' }], ['outgoing', { text: 'echo: remember me' }]])
  })

  it('streams to an API token too, on the conversation stream route', async () => {
    const chat = await openWebchat({ url: t.url, botId: 'fixture' })
    const controller = new AbortController()
    const response = await fetch(`${t.url}/v1/bots/fixture/conversations/${chat.session.conversation.id}/stream`, { headers: { authorization: `Bearer ${t.botToken}` }, signal: controller.signal })
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    expect((await reader.read()).value).toContain('event: ready')
    controller.abort()
  })

  it('refuses a payload the message type does not allow, naming the field', async () => {
    const chat = await openWebchat({ url: t.url, botId: 'fixture' })
    await expect(chat.send({ type: 'text', payload: { text: '' } })).rejects.toMatchObject({ status: 400, code: 'PAYLOAD_INVALID', issues: [{ path: 'text' }] })
  })

  it('ends open streams when the server closes', async () => {
    const own = await startTestServer()
    const chat = await openWebchat({ url: own.url, botId: 'fixture' })
    const subscription = await chat.subscribe(() => {})
    await own.close()
    await expect(subscription.ended).resolves.toBeUndefined()
  })
})
